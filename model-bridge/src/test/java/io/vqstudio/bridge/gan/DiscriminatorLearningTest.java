package io.vqstudio.bridge.gan;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.nn.Module;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Both discriminators learn to tell bright "real" images from dark "fake" ones within 50 steps of
 * plain SGD, the StyleGAN critic with the logistic loss plus R1, the PatchGAN with the hinge loss.
 */
class DiscriminatorLearningTest {

    private static final int STEPS = 50;
    private static final int RES = 16;

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @Test
    void styleGanCriticSeparatesBrightFromDarkImages() {
        StyleGanDiscriminator d = new StyleGanDiscriminator(ENGINE.manager(), RES, 16, 64);
        try (InputGradient grad = InputGradient.load(ENGINE.manager())) {
            R1Penalty r1 = new R1Penalty(grad, 0.1f);
            float[] losses = train(d, d::forward, (real, fake) -> GanLosses.logisticD(real, fake), r1, 0.05f);
            // Starts near 2 ln 2 = 1.39 (logits near 0); ends 150-400x lower in practice.
            assertThat(losses[0]).isBetween(1.2f, 1.6f);
            assertThat(losses[1]).isLessThan(losses[0] / 50);
        }
    }

    @Test
    void patchGanSeparatesBrightFromDarkImages() {
        PatchGanDiscriminator d = new PatchGanDiscriminator(ENGINE.manager(), 2, 16);
        float[] losses = train(d, x -> d.forward(x, true), (real, fake) -> GanLosses.hingeD(real, fake), null, 0.05f);
        // Starts near 1 (hinge at logits near 0); the hinge is satisfied (0) after a handful of steps.
        assertThat(losses[0]).isBetween(0.5f, 1.5f);
        assertThat(losses[1]).isLessThan(losses[0] / 50);
    }

    /** Runs STEPS of SGD (without R1 when r1 is null); returns {first loss, mean of the last 5 losses}. */
    private static float[] train(Module d, Function<NDArray, NDArray> forward,
            BiFunction<NDArray, NDArray, NDArray> lossFn, R1Penalty r1, float lr) {
        float first = 0;
        float tail = 0;
        for (int step = 0; step < STEPS; step++) {
            try (NDManager s = ENGINE.manager().newSubManager()) {
                NDArray real = s.randomUniform(0.2f, 1f, new Shape(8, 3, RES, RES));
                NDArray fake = s.randomUniform(-1f, -0.2f, new Shape(8, 3, RES, RES));
                real.setRequiresGradient(r1 != null);
                float loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray realLogits = forward.apply(real);
                    NDArray l = lossFn.apply(realLogits, forward.apply(fake));
                    loss = l.getFloat();
                    gc.backward(r1 == null ? l : l.add(r1.compute(realLogits, real)));
                }
                // Outside the collector grad mode is off: the update is not recorded.
                for (NDArray p : d.parameters().values()) {
                    NDArray g = p.getGradient();
                    g.attach(s);
                    p.subi(g.mul(lr));
                    JniUtils.zeroGrad((PtNDArray) p);
                }
                if (step == 0) {
                    first = loss;
                }
                if (step >= STEPS - 5) {
                    tail += loss / 5;
                }
            }
        }
        return new float[] {first, tail};
    }
}
