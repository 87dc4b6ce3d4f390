package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Runs one computation with the fused attention kernel and again with the unfused chain, and
 * compares what each gives: the tests of every attention that uses {@link FusedAttention}.
 */
public final class FusedComparison {

    private FusedComparison() {}

    /**
     * Asserts the arrays {@code run} returns agree within {@code tolerance}, element by element, with
     * the kernel on and off; the first two (output, input gradient) not all zeros, and the output not
     * bit-identical: the fused kernel rounds differently, so an identical output means it never ran.
     * (A key bias's gradient, for one, is zero by design: softmax ignores a shift common to a row.)
     */
    public static void assertFusedMatchesUnfused(Supplier<List<float[]>> run, float tolerance) {
        assertThat(FusedAttention.active()).as("the fused kernel loads").isTrue();
        List<float[]> fused;
        List<float[]> plain;
        try {
            fused = run.get();
            FusedAttention.setEnabled(false);
            plain = run.get();
        } finally {
            FusedAttention.setEnabled(true);
        }
        assertThat(fused).hasSameSizeAs(plain);
        for (int i = 0; i < fused.size(); i++) {
            assertThat(fused.get(i)).as("array " + i + " size").hasSameSizeAs(plain.get(i));
            assertThat(maxAbsDiff(fused.get(i), plain.get(i))).as("array " + i).isLessThan(tolerance);
        }
        for (int i = 0; i < Math.min(2, plain.size()); i++) {                  // some weights' gradients are 0 by design
            assertThat(maxAbsDiff(plain.get(i), new float[plain.get(i).length])).as("array " + i + " is not all zeros")
                    .isGreaterThan(1e-3f);
        }
        assertThat(fused.get(0)).as("the fused kernel ran (its output rounds differently)").isNotEqualTo(plain.get(0));
    }

    /**
     * [y, dL/dx, dL/dW for every parameter of {@code module}] with y = forward(x) and L = sum(y * w);
     * the parameters' gradients are zeroed afterwards.
     */
    public static List<float[]> valuesAndGradients(Module module, UnaryOperator<NDArray> forward, NDArray x0, NDArray w) {
        NDArray x = x0.duplicate();
        x.setRequiresGradient(true);
        List<float[]> out = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = forward.apply(x);
            out.add(y.toFloatArray());
            gc.backward(y.mul(w).sum());
        }
        out.add(x.getGradient().toFloatArray());
        for (NDArray p : module.parameters().values()) {
            out.add(p.getGradient().toFloatArray());
            p.getGradient().subi(p.getGradient());
        }
        return out;
    }

    static float maxAbsDiff(float[] a, float[] b) {
        float d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
