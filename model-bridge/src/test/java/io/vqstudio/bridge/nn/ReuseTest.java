package io.vqstudio.bridge.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.cnn.AttnBlock;
import io.vqstudio.bridge.cnn.CnnOps;
import io.vqstudio.bridge.cnn.ResnetBlock;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link Reuse}: at inference its steps write into their fresh first operand and give the same
 * bits as the allocating operations; under gradient recording they allocate and gradients are
 * exact. The CNN blocks that use it give the same bits with and without gradient recording and
 * never write into their input.
 */
class ReuseTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(11);

    @Test
    void atInferenceTheStepsWriteIntoTheirFirstOperandWithTheSameBits() {
        NDManager m = engine.manager();
        NDArray a = m.randomNormal(new Shape(2, 4, 3, 3));
        NDArray b = m.randomNormal(new Shape(2, 4, 3, 3));
        NDArray gamma = m.randomNormal(new Shape(1, 4, 1, 1));
        try (NoGrad noGrad = NoGrad.enter()) {
            assertThat(Reuse.inPlace()).isTrue();
            sameObjectSameBits(a, x -> Reuse.add(x, b), a.add(b));
            sameObjectSameBits(a, x -> Reuse.mul(x, gamma), a.mul(gamma));
            sameObjectSameBits(a, x -> Reuse.scale(x, 0.125), Scalars.mul(a, 0.125));
        }
    }

    private static void sameObjectSameBits(NDArray a, UnaryOperator<NDArray> step, NDArray expected) {
        NDArray fresh = a.duplicate();
        NDArray out = step.apply(fresh);
        assertThat(out).isSameAs(fresh);
        assertThat(out.toFloatArray()).isEqualTo(expected.toFloatArray());
    }

    @Test
    void underGradientRecordingTheyAllocateAndGradientsAreExact() {
        NDManager m = engine.manager();
        NDArray w = m.create(new float[] {1, 2, 3});
        w.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            assertThat(Reuse.inPlace()).isFalse();
            NDArray fresh = Scalars.mul(w, 2);                              // 2w
            NDArray y = Reuse.scale(Reuse.add(Reuse.mul(fresh, w), w), 0.5); // (2w^2 + w) / 2
            assertThat(y).isNotSameAs(fresh);
            assertThat(fresh.toFloatArray()).containsExactly(2, 4, 6);
            gc.backward(y.sum());
        }
        assertThat(w.getGradient().toFloatArray()).containsExactly(2.5f, 4.5f, 6.5f); // 2w + 1/2
    }

    @Test
    void theCnnBlocksGiveTheSameBitsAtInferenceAndLeaveTheirInputAlone() {
        NDManager m = engine.manager();
        ResnetBlock widen = new ResnetBlock(m, 32, 64);
        ResnetBlock same = new ResnetBlock(m, 64, 64);
        AttnBlock attn = new AttnBlock(m, 64);
        GroupNorm norm = CnnOps.groupNorm(m, 64);
        UnaryOperator<NDArray> net = x -> CnnOps.swish(norm.forward(attn.forward(same.forward(widen.forward(x)))));
        NDArray x = m.randomNormal(new Shape(2, 32, 8, 8));
        float[] input = x.toFloatArray();
        float[] recorded;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            recorded = net.apply(x).toFloatArray();
        }
        float[] inference;
        try (NoGrad noGrad = NoGrad.enter()) {
            inference = net.apply(x).toFloatArray();
        }
        assertThat(inference).isEqualTo(recorded);
        assertThat(x.toFloatArray()).isEqualTo(input);
    }
}
