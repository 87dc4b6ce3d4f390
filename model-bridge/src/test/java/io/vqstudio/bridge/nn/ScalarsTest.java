package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.TestEngine;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Gradients through multiplication and division by a constant survive a garbage collection
 * between the forward and the backward pass. With DJL's own {@code w.mul(3f)} in place of
 * {@code Scalars.mul(w, 3)} the first test fails, its gradient reading 777 (the value the fresh
 * buffers put where the freed constant was) or malloc's bookkeeping.
 */
class ScalarsTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(3);

    /** d/dw sum(op(w)) for w = (1, 1, 1, 1), with a GC and fresh 4-byte direct buffers before backward. */
    private float[] gradientAfterGc(UnaryOperator<NDArray> op) throws InterruptedException {
        NDManager m = engine.manager();
        NDArray w = m.ones(new Shape(4));
        w.setRequiresGradient(true);
        List<ByteBuffer> reuse = new ArrayList<>();
        try (NDManager sm = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = op.apply(w).sum();
            System.gc();
            Thread.sleep(50); // the cleaner thread frees unreachable direct buffers
            for (int i = 0; i < 10_000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, 777f);
                reuse.add(b);
            }
            gc.backward(loss);
        }
        return w.getGradient().toFloatArray();
    }

    @Test
    void multiplyingByAConstantKeepsItsGradient() throws InterruptedException {
        assertThat(gradientAfterGc(w -> Scalars.mul(w, 3))).containsOnly(3f);
    }

    @Test
    void dividingByAConstantKeepsItsGradient() throws InterruptedException {
        assertThat(gradientAfterGc(w -> Scalars.div(w, 4))).containsOnly(0.25f);
    }
}
