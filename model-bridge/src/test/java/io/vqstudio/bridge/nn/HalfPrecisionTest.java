package io.vqstudio.bridge.nn;

import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import org.junit.jupiter.api.Test;

/**
 * Mixed-precision inference (the GPU path's float16) checked on the CPU, where libtorch runs the
 * same float16 kernels slowly: outputs follow the float32 model closely, matching stays exact
 * in float32, and the model's own weights are untouched.
 */
class HalfPrecisionTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(13).withoutGradients();

    @Test
    void tokenizersInFloat16GiveNearlyTheSameCodesAndImages() {
        for (String preset : new String[] {"vit-tiny", "cnn-tiny"}) {
            Tokenizer t = TokenizerStore.build(engine.manager(), Families.tokenizerPreset(preset));
            NDArray x = engine.manager().randomUniform(-1, 1, new Shape(4, 3, 16, 16));
            long[] full = t.encode(x).toLongArray();
            float[] imgFull = t.decode(t.encode(x)).toFloatArray();
            t.useHalfPrecision(true);
            NDArray grid = t.encode(x);
            long[] half = grid.toLongArray();
            NDArray img = t.decode(t.encode(x));
            assertThat(img.getDataType()).isEqualTo(DataType.FLOAT32);
            int same = 0;
            for (int i = 0; i < full.length; i++) {
                same += full[i] == half[i] ? 1 : 0;
            }
            assertThat((double) same / full.length).as(preset + " code agreement").isGreaterThan(0.9);
            // Decoding the float32 codes in float16 stays within a few 1e-3 of float32.
            t.useHalfPrecision(false);
            NDArray fullGrid = engine.manager().create(full, grid.getShape());
            float[] ref = t.decode(fullGrid).toFloatArray();
            t.useHalfPrecision(true);
            float[] got = t.decode(fullGrid).toFloatArray();
            assertThat(maxAbsDiff(ref, got)).as(preset + " decode").isLessThan(0.02f);
            assertThat(t.parameters().values()).allMatch(p -> p.getDataType() == DataType.FLOAT32);
            assertThat(imgFull).hasSameSizeAs(got);
        }
    }

    @Test
    void priorsInFloat16GiveNearlyTheSameLogitsAndTheCacheStillMatches() {
        TransformerPrior p = PriorStore.build(engine.manager(), PriorSpec.preset(PriorKind.AR, "ar-tiny"));
        int n = p.spec().tokens();
        long[] cells = new long[n - 1];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = (i * 7) % 64;
        }
        NDArray tokens = engine.manager().create(cells, new Shape(1, n - 1));
        NDArray cls = engine.manager().create(new long[] {1});
        float[] full = p.net().forward(tokens, cls, true, false).toFloatArray();
        p.net().useHalfPrecision(true);
        NDArray halfLogits = p.net().forward(tokens, cls, true, false);
        assertThat(halfLogits.getDataType()).isEqualTo(DataType.FLOAT32);
        assertThat(maxAbsDiff(full, halfLogits.toFloatArray())).isLessThan(0.02f);
        KvCache cache = new KvCache(p.net().numLayers(), p.spec().tokens(), engine.manager());
        float[] first = p.net().step(cls, 0, cache).toFloatArray();
        float[] firstFull = java.util.Arrays.copyOf(halfLogits.toFloatArray(), first.length);
        assertThat(maxAbsDiff(first, firstFull)).isLessThan(0.01f);
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
