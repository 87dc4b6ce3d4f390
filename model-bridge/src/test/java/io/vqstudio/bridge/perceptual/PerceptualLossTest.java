package io.vqstudio.bridge.perceptual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class PerceptualLossTest {

    private static final NDManager m = TestNets.manager();
    private static final PerceptualLoss loss = new PerceptualLoss(new TinyDarknet(m, 42));

    /** Images (B, 3, H, W) in [-1, 1]. */
    private static NDArray signed(NDManager step, long seed) {
        return TestNets.images01(step, seed, 2, 32, 32).mul(2f).sub(1f);
    }

    @Test
    void distanceOfAnImageToItselfIsZero() {
        try (NDManager step = m.newSubManager()) {
            NDArray x = signed(step, 1);
            assertThat(loss.perImage(x, x.duplicate()).toFloatArray()).containsExactly(0f, 0f);
        }
    }

    @Test
    void distanceIsSymmetricAndGrowsWithNoise() {
        try (NDManager step = m.newSubManager()) {
            NDArray x = signed(step, 1);
            NDArray noise = signed(step, 2);
            float previous = 0f;
            for (float level : new float[] {0.02f, 0.1f, 0.3f, 0.8f}) {
                NDArray y = x.add(noise.mul(level)).clip(-1f, 1f);
                float d = loss.forward(x, y).getFloat();
                assertThat(d).isGreaterThan(previous);
                assertThat((double) loss.forward(y, x).getFloat()).isCloseTo(d, within(1e-5 * d));
                previous = d;
            }
        }
    }

    @Test
    void gradientsReachTheInputImages() {
        try (NDManager step = m.newSubManager()) {
            NDArray x = signed(step, 3);
            NDArray target = signed(step, 4);
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(loss.forward(x, target));
            }
            NDArray g = x.getGradient();
            assertThat(g.getShape()).isEqualTo(x.getShape());
            assertThat(g.abs().sum().getFloat()).isGreaterThan(0f);
            assertThat(g.isNaN().any().getBoolean()).isFalse();
        }
    }
}
