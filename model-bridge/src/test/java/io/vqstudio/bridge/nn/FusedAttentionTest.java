package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.prior.PriorTransformer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fused kernel behind {@link Attention} against the unfused chain it replaces: the same
 * outputs and the same gradients (input and every weight), bidirectional and causal, in float32;
 * the same outputs in float16; and a damaged module file gives one notice and no module.
 */
class FusedAttentionTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(23);

    @AfterEach
    void enableAgain() {
        FusedAttention.setEnabled(true);
    }

    @Test
    void theModuleLoadsInThisLibtorch() {
        assertThat(FusedAttention.active()).isTrue();
    }

    @Test
    void bidirectionalValuesAndGradientsMatchTheUnfusedAttention() {
        compare(false);
    }

    @Test
    void causalValuesAndGradientsMatchTheUnfusedAttention() {
        compare(true);
    }

    @Test
    void float16OutputsMatchTheUnfusedAttention() {
        NDManager m = engine.manager();
        Attention attn = new Attention(m, 32, 4);
        NDArray x = m.randomNormal(new Shape(2, 9, 32)).toType(DataType.FLOAT16, false);
        NDArray mask = PriorTransformer.causalMask(m, 9);
        try (NoGrad off = NoGrad.enter()) {
            float[] fused = attn.forward(x, mask, 0f, false).toType(DataType.FLOAT32, false).toFloatArray();
            assertThat(FusedAttention.refuses(DataType.FLOAT16)).isFalse();
            FusedAttention.setEnabled(false);
            NDArray y = attn.forward(x, mask, 0f, false);
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat(maxAbsDiff(fused, y.toType(DataType.FLOAT32, false).toFloatArray())).isLessThan(5e-3f);
        }
    }

    @Test
    void aDamagedModuleGivesOneNoticeAndNoModule() {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertThat(FusedAttention.tryLoad(engine.manager(), "damaged_attention.pt")).isNull();
            assertThat(FusedAttention.tryLoad(engine.manager(), "absent_attention.pt")).isNull();
        } finally {
            System.setErr(err);
        }
        String[] lines = captured.toString(StandardCharsets.UTF_8).strip().split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).contains("damaged_attention.pt").contains("using the unfused attention");
        assertThat(lines[1]).contains("absent_attention.pt is missing");
    }

    /** Runs one attention both ways on the same input and weights and compares outputs and gradients. */
    private void compare(boolean causal) {
        NDManager m = engine.manager();
        Attention attn = new Attention(m, 32, 4);
        NDArray x = m.randomNormal(new Shape(2, 9, 32));
        NDArray mask = causal ? PriorTransformer.causalMask(m, 9) : null;
        NDArray w = m.randomNormal(new Shape(2, 9, 32));                   // weights the output before summing
        List<float[]> fused = run(attn, x, mask, w);
        FusedAttention.setEnabled(false);
        List<float[]> plain = run(attn, x, mask, w);
        assertThat(fused).hasSameSizeAs(plain);
        for (int i = 0; i < fused.size(); i++) {
            assertThat(maxAbsDiff(fused.get(i), plain.get(i))).as("array " + i).isLessThan(1e-5f);
            assertThat(maxAbs(plain.get(i))).as("array " + i + " is not all zeros").isGreaterThan(1e-3f);
        }
    }

    /** [output, dL/dx, dL/dW for every parameter] with L = sum(y * w). */
    private static List<float[]> run(Attention attn, NDArray x0, NDArray mask, NDArray w) {
        NDArray x = x0.duplicate();
        x.setRequiresGradient(true);
        List<float[]> out = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = attn.forward(x, mask, 0f, true);
            out.add(y.toFloatArray());
            gc.backward(y.mul(w).sum());
        }
        out.add(x.getGradient().toFloatArray());
        for (NDArray p : attn.parameters().values()) {
            out.add(p.getGradient().toFloatArray());
            p.getGradient().subi(p.getGradient());
        }
        return out;
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }

    private static float maxAbs(float[] a) {
        return maxAbsDiff(a, new float[a.length]);
    }
}
