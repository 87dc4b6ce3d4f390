package io.vqstudio.bridge.tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.Scalars;

/**
 * How a decoder's raw output becomes pixels, following DALL-E's logit-Laplace distribution
 * (Ramesh et al. 2021, Sec. A.3), which ViT-VQGAN adopts.
 *
 * <p>The decoder emits 6 channels per pixel: a location mu (channels 0-2) and a log-scale ln b
 * (channels 3-5) for R, G, B. Pixels x in [0, 1] are mapped into (eps, 1 - eps) by
 * x' = (1 - 2 eps) x + eps, eps = 0.1, and logit(x') is modelled as Laplace(mu, b):
 * -log p(x) = log(2b) + log(x'(1 - x')) + |logit(x') - mu| / b.
 * The image shown (and used by the L2, perceptual and adversarial losses) is the distribution's
 * median, x = (sigmoid(mu) - eps) / (1 - 2 eps), clipped to [0, 1] and mapped to [-1, 1].
 */
public final class PixelHead {

    public static final int CHANNELS = 6;
    public static final float EPS = 0.1f;
    /**
     * Floor of ln b. Deviation from DALL-E: without it, pixels the decoder already gets exactly
     * right (flat regions, saturated colours) let b shrink without bound, the likelihood term's
     * gradient (|d/d mu| = 1/b) grows without bound and crowds out every other loss under gradient
     * clipping. b >= e^-3 ~ 0.05 in logit units is below the error of a good reconstruction of a photo.
     */
    public static final float MIN_LOG_SCALE = -3f;

    private PixelHead() {}

    /** Raw (B, 6, H, W) -> image (B, 3, H, W) in [-1, 1]. */
    public static NDArray toImage(NDArray raw) {
        NDArray mu = raw.get(":, 0:3");
        NDArray unit = Scalars.div(Activation.sigmoid(mu).sub(EPS), 1 - 2 * EPS).clip(0f, 1f); // in [0, 1]
        return Scalars.mul(unit, 2).sub(1);
    }

    /**
     * Mean logit-Laplace negative log-likelihood per sub-pixel, in nats.
     *
     * @param raw    (B, 6, H, W) decoder output
     * @param target (B, 3, H, W) in [-1, 1]
     */
    public static NDArray logitLaplaceNll(NDArray raw, NDArray target) {
        NDArray mu = raw.get(":, 0:3");
        NDArray logB = raw.get(":, 3:6").clip(MIN_LOG_SCALE, 20f);
        NDArray x = target.add(1).div(2).mul(1 - 2 * EPS).add(EPS);     // x' in (eps, 1 - eps)
        NDArray logitX = x.log().sub(x.mul(-1).add(1).log());             // logit(x')
        NDArray nll = logB.add((float) Math.log(2))
                .add(x.log()).add(x.mul(-1).add(1).log())
                .add(logitX.sub(mu).abs().div(logB.exp()));
        return nll.mean();
    }
}
