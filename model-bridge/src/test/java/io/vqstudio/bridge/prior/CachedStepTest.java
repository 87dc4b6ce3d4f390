package io.vqstudio.bridge.prior;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.nn.KvCache;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The cached decoding step of our transformer equals the causal forward over the whole sequence at
 * every position and batch size: one row (plain products), two and three (the weight-wide products of
 * a guided step, with views of the projection and the cache's column layout), and more rows than those
 * products take. Rows hold different classes and tokens, so a row mixed up with another would show.
 */
class CachedStepTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(33).withoutGradients();

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 6})
    void everyCachedStepEqualsTheFullForwardAtThatPosition(int batch) {
        NDManager m = engine.manager();
        TransformerPrior p = PriorStore.build(m, PriorSpec.preset(PriorKind.AR, "ar-tiny"));
        int n = p.spec().tokens(), k = p.spec().codebookSize(), len = n - 1;
        long[] classes = new long[batch];
        long[] cells = new long[batch * n];
        for (int b = 0; b < batch; b++) {
            classes[b] = b % (p.spec().numClasses() + 1);
            for (int i = 0; i < n; i++) {
                cells[b * n + i] = (i * 5 + 3 + 11L * b) % k;
            }
        }
        long[] inputs = new long[batch * len];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(cells, b * n, inputs, b * len, len);
        }
        float[] full = p.net().forward(m.create(inputs, new Shape(batch, len)), m.create(classes), true, false)
                .toFloatArray();                                                          // (B, n, K)
        KvCache cache = p.net().newCache(m);
        for (int pos = 0; pos < n; pos++) {
            long[] ids = new long[batch];
            for (int b = 0; b < batch; b++) {
                ids[b] = pos == 0 ? classes[b] : cells[b * n + pos - 1];
            }
            float[] step = p.net().step(m.create(ids), pos, cache).toFloatArray();        // (B, K)
            for (int b = 0; b < batch; b++) {
                float[] expected = Arrays.copyOfRange(full, (b * n + pos) * k, (b * n + pos + 1) * k);
                float[] got = Arrays.copyOfRange(step, b * k, (b + 1) * k);
                for (int i = 0; i < k; i++) {
                    assertThat(got[i]).as("row %d, position %d, code %d", b, pos, i)
                            .isCloseTo(expected[i], org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
        }
        assertThat(cache.length()).isEqualTo(n);
    }
}
