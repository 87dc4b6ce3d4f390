package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fused kernel behind {@link Attention} against the unfused chain it replaces: the same
 * outputs and the same gradients (input and every weight), bidirectional and causal, in float32;
 * the same outputs in float16; the kernel's causal flag against the additive mask; and a damaged
 * module file gives one notice and no module; a first load inside a scope survives the scope.
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

    /**
     * Loaded first inside a caller's scope (a training step, a benchmark's timed call), the kernel
     * still runs after that scope has freed everything made in it.
     */
    @Test
    void loadedInsideAScopeItStillRunsAfterTheScopeCloses() {
        NDManager m = engine.manager();
        NDArray q = m.randomNormal(new Shape(1, 2, 5, 4));
        FusedAttention.unload();
        try (NoGrad off = NoGrad.enter()) {
            try (NDScope scope = new NDScope()) {
                assertThat(FusedAttention.attend(q, q, q, null, 0f)).isNotNull();
            }
            assertThat(FusedAttention.attend(q, q, q, null, 0f)).isNotNull();
            assertThat(FusedAttention.attendCausal(q, q, q, 0f)).isNotNull();
        }
        assertThat(FusedAttention.refuses(DataType.FLOAT32)).isFalse();
    }

    @Test
    void bidirectionalValuesAndGradientsMatchTheUnfusedAttention() {
        compare(false);
    }

    @Test
    void causalValuesAndGradientsMatchTheUnfusedAttention() {
        compare(true);
    }

    /** The kernel's causal flag gives what the additive mask gives, and a later key changes no earlier output. */
    @Test
    void theCausalFlagEqualsTheAdditiveCausalMask() {
        NDManager m = engine.manager();
        NDArray q = m.randomNormal(new Shape(2, 3, 11, 8)), k = m.randomNormal(new Shape(2, 3, 11, 8));
        NDArray v = m.randomNormal(new Shape(2, 3, 11, 8));
        try (NoGrad off = NoGrad.enter()) {
            float[] flag = FusedAttention.attendCausal(q, k, v, 0f).toFloatArray();
            float[] mask = FusedAttention.attend(q, k, v, Attention.causalMask(m, 11), 0f).toFloatArray();
            float[] full = FusedAttention.attend(q, k, v, null, 0f).toFloatArray();
            assertThat(FusedComparison.maxAbsDiff(flag, mask)).isLessThan(1e-6f);
            assertThat(FusedComparison.maxAbsDiff(flag, full)).as("the flag masks something").isGreaterThan(1e-2f);
            k.set(new NDIndex(":, :, 10"), 5f);                          // only the last key changes
            v.set(new NDIndex(":, :, 10"), -5f);
            NDArray changed = FusedAttention.attendCausal(q, k, v, 0f);
            NDArray before = m.create(flag, q.getShape());
            assertThat(changed.get(":, :, 0:10").toFloatArray()).isEqualTo(before.get(":, :, 0:10").toFloatArray());
            assertThat(changed.get(":, :, 10").toFloatArray()).isNotEqualTo(before.get(":, :, 10").toFloatArray());
        }
    }

    @Test
    void float16OutputsMatchTheUnfusedAttention() {
        NDManager m = engine.manager();
        Attention attn = new Attention(m, 32, 4);
        NDArray x = m.randomNormal(new Shape(2, 9, 32)).toType(DataType.FLOAT16, false);
        try (NoGrad off = NoGrad.enter()) {
            float[] fused = attn.forward(x, true, 0f, false).toType(DataType.FLOAT32, false).toFloatArray();
            assertThat(FusedAttention.refuses(DataType.FLOAT16)).isFalse();
            FusedAttention.setEnabled(false);
            NDArray y = attn.forward(x, true, 0f, false);
            assertThat(y.getDataType()).isEqualTo(DataType.FLOAT16);
            assertThat(FusedComparison.maxAbsDiff(fused, y.toType(DataType.FLOAT32, false).toFloatArray())).isLessThan(5e-3f);
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
        NDArray w = m.randomNormal(new Shape(2, 9, 32));                   // weights the output before summing
        FusedComparison.assertFusedMatchesUnfused(
                () -> FusedComparison.valuesAndGradients(attn, in -> attn.forward(in, causal, 0f, true), x, w), 1e-5f);
    }
}
