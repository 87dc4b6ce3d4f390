package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * taming-transformers' adaptive weight for the generator's adversarial loss (Esser et al. 2021,
 * eq. 7): {@code lambda = ||grad_GL L_rec|| / (||grad_GL L_GAN|| + 1e-6)}, clamped to [0, 1e4]
 * and detached, where GL is the decoder's last layer weight. It balances the two losses so that
 * neither dominates the decoder's last layer; the trainer multiplies it by its own GAN weight
 * (taming's {@code discriminator_weight}) and adds {@code lambda * L_GAN} to the G loss.
 *
 * <p>Deviation: taming adds 1e-4 to the denominator; we use 1e-6, as the project's issue asks.
 *
 * <p>The two gradients come from {@link InputGradient} ({@code torch.autograd.grad}), not from a
 * backward pass: nothing accumulates into any parameter's {@code .grad}, so there is no
 * save/zero/restore protocol around the real backward, and only the graph between each loss and
 * GL is walked (for L_rec just the last layer; for L_GAN the discriminator and the last layer),
 * where two extra backward passes would cover the whole generator and discriminator.
 *
 * <p>Call it inside the G step's open GradientCollector, after both losses are computed and
 * before {@code collector.backward(total)}: the graph is still intact and stays so (the gradients
 * are taken with the graph retained).
 */
public final class AdaptiveWeight {

    static final double EPS = 1e-6;
    static final double MAX = 1e4;

    private final InputGradient gradient;

    public AdaptiveWeight(InputGradient gradient) {
        this.gradient = gradient;
    }

    /**
     * recLoss and ganLoss: scalars computed from {@code lastLayer} (a trainable parameter of any
     * shape) -> lambda in [0, 1e4], a plain number (detached by construction).
     */
    public float compute(NDArray recLoss, NDArray ganLoss, NDArray lastLayer) {
        double rec = gradientNorm(recLoss, lastLayer);
        double gan = gradientNorm(ganLoss, lastLayer);
        return (float) Math.min(Math.max(rec / (gan + EPS), 0.0), MAX);
    }

    /** ||d loss / d param||_2, with the gradient and its graph freed before returning. */
    private double gradientNorm(NDArray loss, NDArray param) {
        try (NDManager scratch = loss.getManager().newSubManager()) {
            NDArray g = gradient.of(loss, param);
            g.attach(scratch);
            return g.square().sum().sqrt().getFloat();
        }
    }
}
