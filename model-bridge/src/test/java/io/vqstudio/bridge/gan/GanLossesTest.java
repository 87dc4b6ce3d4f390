package io.vqstudio.bridge.gan;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** The adversarial losses against values worked out by hand. */
class GanLossesTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void logisticLossesMatchTheSoftplusFormulas() {
        NDArray real = ENGINE.manager().create(new float[] {2f, -1f}, new Shape(2, 1));
        NDArray fake = ENGINE.manager().create(new float[] {0.5f, -3f}, new Shape(2, 1));
        double d = (softplus(-2) + softplus(1)) / 2 + (softplus(0.5) + softplus(-3)) / 2;
        double g = (softplus(-0.5) + softplus(3)) / 2;
        assertThat(GanLosses.logisticD(real, fake).getFloat()).isCloseTo((float) d, within(1e-6f));
        assertThat(GanLosses.logisticG(fake).getFloat()).isCloseTo((float) g, within(1e-6f));
        // An undecided discriminator (all logits 0) costs 2 ln 2.
        NDArray zeros = ENGINE.manager().zeros(new Shape(4, 1));
        assertThat(GanLosses.logisticD(zeros, zeros).getFloat()).isCloseTo((float) (2 * Math.log(2)), within(1e-6f));
    }

    @Test
    void softplusStaysFiniteForLargeLogits() {
        NDArray real = ENGINE.manager().create(new float[] {-200f}, new Shape(1, 1));
        NDArray fake = ENGINE.manager().create(new float[] {200f}, new Shape(1, 1));
        assertThat(GanLosses.logisticD(real, fake).getFloat()).isCloseTo(400f, within(1e-3f));
        assertThat(GanLosses.logisticG(ENGINE.manager().create(new float[] {200f}, new Shape(1, 1))).getFloat()).isLessThan(1e-30f);
    }

    @Test
    void hingeLossesMatchTamingsHalvedHinge() {
        // Patch logits (B=1, 1, 2, 2): relu(1 - real) = {0, 0.5, 1, 3}, relu(1 + fake) = {0, 0, 1.5, 3}.
        NDArray real = ENGINE.manager().create(new float[] {1.5f, 0.5f, 0f, -2f}, new Shape(1, 1, 2, 2));
        NDArray fake = ENGINE.manager().create(new float[] {-2f, -1f, 0.5f, 2f}, new Shape(1, 1, 2, 2));
        float expected = 0.5f * ((0 + 0.5f + 1 + 3) / 4f + (0 + 0 + 1.5f + 3) / 4f);
        assertThat(GanLosses.hingeD(real, fake).getFloat()).isCloseTo(expected, within(1e-6f));
        assertThat(GanLosses.hingeG(fake).getFloat()).isCloseTo(-(-2f - 1f + 0.5f + 2f) / 4f, within(1e-6f));
        // Confident and right on both sides: zero loss.
        assertThat(GanLosses.hingeD(real.add(5f), fake.sub(5f)).getFloat()).isZero();
    }
}
