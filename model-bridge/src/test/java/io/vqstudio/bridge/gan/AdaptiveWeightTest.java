package io.vqstudio.bridge.gan;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.nn.Conv2d;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adaptive weight on a 2x2 "last layer" W with y = x W, L_rec = sum(y^2), L_GAN = sum(y):
 * dL_rec/dW = 2 x^T y and dL_GAN/dW = x^T 1, worked out by hand below.
 */
class AdaptiveWeightTest {

    // x = [[1, 2], [3, -1]], W = [[0.5, -1], [2, 0.25]]  =>  y = x W = [[4.5, -0.5], [-0.5, -3.25]]
    private static final float[] X = {1, 2, 3, -1};
    private static final float[] W = {0.5f, -1, 2, 0.25f};
    // 2 x^T y = [[6, -20.5], [19, 4.5]]; x^T 1 = [[4, 4], [1, 1]]
    private static final float[] REC_GRAD = {6, -20.5f, 19, 4.5f};
    private static final double REC_NORM = Math.sqrt(36 + 420.25 + 361 + 20.25);
    private static final double GAN_NORM = Math.sqrt(16 + 16 + 1 + 1);

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();
    private static InputGradient grad;

    @BeforeAll
    static void loadGradient() {
        grad = InputGradient.load(ENGINE.manager());
    }

    @AfterAll
    static void closeGradient() {
        grad.close();
    }

    @Test
    void weightIsTheRatioOfTheHandComputedGradientNorms() {
        NDArray w = lastLayer();
        try (NDManager step = ENGINE.manager().newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = step.create(X, new Shape(2, 2)).matMul(w);
            float lambda = new AdaptiveWeight(grad).compute(y.square().sum(), y.sum(), w);
            assertThat((double) lambda).isCloseTo(REC_NORM / (GAN_NORM + 1e-6), within(1e-5));
            assertThat(lambda).isCloseTo(4.963f, within(1e-3f));
        }
    }

    @Test
    void leavesEveryGradientUntouchedForTheRealBackward() {
        NDArray w = lastLayer();
        try (NDManager step = ENGINE.manager().newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = step.create(X, new Shape(2, 2)).matMul(w);
                NDArray rec = y.square().sum();
                new AdaptiveWeight(grad).compute(rec, y.sum(), w);
                NDArray before = w.getGradient();
                before.attach(step);
                assertThat(before.toFloatArray()).containsOnly(0f);
                gc.backward(rec);               // the graph survived, and W's gradient is L_rec's alone
            }
            NDArray after = w.getGradient();
            after.attach(step);
            assertThat(after.toFloatArray()).containsExactly(REC_GRAD, within(1e-5f));
        }
    }

    @Test
    void weightIsClampedWhenTheGanGradientVanishes() {
        NDArray w = lastLayer();
        try (NDManager step = ENGINE.manager().newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = step.create(X, new Shape(2, 2)).matMul(w);
            float lambda = new AdaptiveWeight(grad).compute(y.square().sum(), y.sum().mul(0f), w);
            assertThat((double) lambda).isEqualTo(AdaptiveWeight.MAX);
        }
    }

    @Test
    void matchesTwoBackwardPassesThroughAPatchGan() {
        // The slow way the weight could also be had: backward each loss with the graph kept,
        // reading the last layer's accumulated gradient in between.
        PatchGanDiscriminator d = new PatchGanDiscriminator(ENGINE.manager(), 2, 8);
        Conv2d decoderOut = new Conv2d(ENGINE.manager(), 4, 3, 3, 1, 1, true);
        PtNDArray w = (PtNDArray) decoderOut.weight();
        try (NDManager step = ENGINE.manager().newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray target = step.randomUniform(-1f, 1f, new Shape(2, 3, 16, 16));
            NDArray recon = decoderOut.forward(step.randomNormal(new Shape(2, 4, 16, 16))).tanh();
            NDArray rec = recon.sub(target).abs().mean();
            NDArray gan = GanLosses.hingeG(d.forward(recon, true));
            float lambda = new AdaptiveWeight(grad).compute(rec, gan, w);

            JniUtils.backward((PtNDArray) rec, (PtNDArray) step.ones(new Shape()), true, false);
            double recNorm = detachedNorm(w, step);
            JniUtils.zeroGrad(w);
            JniUtils.backward((PtNDArray) gan, (PtNDArray) step.ones(new Shape()), true, false);
            double ganNorm = detachedNorm(w, step);
            assertThat((double) lambda).isCloseTo(recNorm / (ganNorm + 1e-6), within(1e-5 * lambda));
        }
    }

    private static double detachedNorm(NDArray param, NDManager step) {
        NDArray g = param.getGradient();
        g.attach(step);
        return g.norm().getFloat();
    }

    /** A fresh trainable W, so no test sees another's gradients. */
    private static NDArray lastLayer() {
        NDArray w = ENGINE.manager().create(W, new Shape(2, 2));
        w.setRequiresGradient(true);
        return w;
    }
}
