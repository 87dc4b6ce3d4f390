package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.Scalars;

/**
 * The two adversarial objectives the tokenizer papers use, on discriminator logits of any shape
 * ((B, 1) from {@link StyleGanDiscriminator}, (B, 1, H', W') from {@link PatchGanDiscriminator}),
 * each averaged over every logit. Every result is a scalar owned by its first argument's manager.
 *
 * <ul>
 *   <li>Non-saturating logistic (Goodfellow et al. 2014; StyleGAN2, which ViT-VQGAN trains with):
 *       D minimises mean(softplus(-D(real))) + mean(softplus(D(fake))), G minimises
 *       mean(softplus(-D(fake))). No factor 0.5 on the D loss: StyleGAN2's form (taming's
 *       {@code vanilla_d_loss} halves it).
 *   <li>Hinge (Lim and Ye 2017; taming-transformers' default): D minimises
 *       0.5 * (mean(relu(1 - D(real))) + mean(relu(1 + D(fake)))), G minimises -mean(D(fake)).
 * </ul>
 */
public final class GanLosses {

    private GanLosses() {}

    /** mean(softplus(-real)) + mean(softplus(fake)); 2 ln 2 when both logits are 0. */
    public static NDArray logisticD(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = Activation.softPlus(realLogits.neg()).mean();
        NDArray fake = Activation.softPlus(fakeLogits).mean();
        return real.add(fake);
    }

    /** mean(softplus(-fake)): the generator wants D to call its images real. */
    public static NDArray logisticG(NDArray fakeLogits) {
        return Activation.softPlus(fakeLogits.neg()).mean();
    }

    /** 0.5 * (mean(relu(1 - real)) + mean(relu(1 + fake))); 0 once real >= 1 and fake <= -1. */
    public static NDArray hingeD(NDArray realLogits, NDArray fakeLogits) {
        NDArray real = Activation.relu(realLogits.neg().add(1f)).mean();
        NDArray fake = Activation.relu(fakeLogits.add(1f)).mean();
        return Scalars.mul(real.add(fake), 0.5);
    }

    /** -mean(fake): unbounded below, as in taming. */
    public static NDArray hingeG(NDArray fakeLogits) {
        return fakeLogits.mean().neg();
    }
}
