package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import io.vqstudio.bridge.nn.Scalars;

/**
 * The R1 gradient penalty (Mescheder et al. 2018) that StyleGAN2 and ViT-VQGAN add to the
 * discriminator loss: {@code gamma / 2 * mean_b ||d D(x_b) / d x_b||^2} over real images only,
 * a scalar. It is differentiable with respect to D's weights (its gradient is a second
 * derivative), so it is added to the D loss before that loss's backward.
 *
 * <p>Usage in the D step, inside the collector:
 * <pre>{@code
 * real.setRequiresGradient(true);              // before D sees it
 * NDArray realLogits = d.forward(real);          // (B, 1)
 * NDArray loss = GanLosses.logisticD(realLogits, d.forward(fake)).add(r1.compute(realLogits, real));
 * collector.backward(loss);
 * }</pre>
 * The gradient is taken of {@code sum(realLogits)}, as StyleGAN2 does: with a minibatch-std layer
 * (or BatchNorm) an image's gradient also carries the other images' logits.
 * StyleGAN2 applies it lazily (every 16 D steps with gamma scaled by 16); that schedule is the
 * trainer's choice, not this class's.
 */
public final class R1Penalty {

    private final InputGradient gradient;
    private final float gamma;

    /** {@code gamma}: StyleGAN2-ADA's configurations range from 0.01 (CIFAR-10) to 10 (FFHQ 1024x1024). */
    public R1Penalty(InputGradient gradient, float gamma) {
        if (!(gamma >= 0)) {
            throw new IllegalArgumentException("gamma must be >= 0, got " + gamma);
        }
        this.gradient = gradient;
        this.gamma = gamma;
    }

    /**
     * realLogits (B, 1) or (B, 1, H', W'), computed from realImages (B, C, H, W), which must
     * require a gradient -> scalar penalty, owned by realLogits' manager.
     */
    public NDArray compute(NDArray realLogits, NDArray realImages) {
        return Scalars.mul(meanSquaredGradientNorm(realLogits, realImages), gamma / 2f);
    }

    /** The unscaled mean over the batch of ||d sum(D) / d x_b||^2: the penalty before gamma / 2. */
    public NDArray meanSquaredGradientNorm(NDArray realLogits, NDArray realImages) {
        long b = realImages.getShape().get(0);
        NDArray g = gradient.of(realLogits, realImages);                    // (B, C, H, W)
        return g.square().reshape(b, -1).sum(new int[] {1}).mean();         // mean of (B) norms
    }

    public float gamma() {
        return gamma;
    }
}
