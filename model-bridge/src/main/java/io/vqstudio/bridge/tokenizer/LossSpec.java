package io.vqstudio.bridge.tokenizer;

import static io.vqstudio.bridge.io.SpecLimits.known;
import static io.vqstudio.bridge.io.SpecLimits.range;

/**
 * Stage-1 loss weights and the adversarial setup. A weight of 0 switches a loss off. Defaults are
 * ViT-VQGAN's: L2 1.0, logit-Laplace 0.1, perceptual 0.1, adversarial 0.1, StyleGAN discriminator.
 *
 * @param discStart    the step at which the discriminator and the adversarial loss start
 * @param r1Gamma      R1 penalty weight gamma (StyleGAN discriminator only): gamma/2 E||grad D(x)||^2
 * @param adaptiveWeight scale the GAN loss by taming's ||grad_GL L_rec|| / (||grad_GL L_GAN|| + 1e-6)
 */
public record LossSpec(float l2, float logitLaplace, float perceptual, float adversarial,
                       Discriminator discriminator, int discStart, float r1Gamma, boolean adaptiveWeight) {

    public LossSpec {
        range("l2", l2, 0f, Float.MAX_VALUE);
        range("logitLaplace", logitLaplace, 0f, Float.MAX_VALUE);
        range("perceptual", perceptual, 0f, Float.MAX_VALUE);
        range("adversarial", adversarial, 0f, Float.MAX_VALUE);
        known("discriminator", discriminator, Discriminator.class);
        range("discStart", discStart, 0, Integer.MAX_VALUE);
        range("r1Gamma", r1Gamma, 0f, Float.MAX_VALUE);
    }

    /** The discriminator family. */
    public enum Discriminator { NONE, STYLEGAN, PATCHGAN }

    public static LossSpec vitVqgan() {
        return new LossSpec(1.0f, 0.1f, 0.1f, 0.1f, Discriminator.STYLEGAN, 10_000, 10f, false);
    }

    /** Taming: L1-free here (we keep L2 + logit-Laplace for comparability), PatchGAN with hinge loss and adaptive weight. */
    public static LossSpec taming() {
        return new LossSpec(1.0f, 0.1f, 0.1f, 0.1f, Discriminator.PATCHGAN, 10_000, 0f, true);
    }

    public static LossSpec vqvae() {
        return new LossSpec(1.0f, 0f, 0f, 0f, Discriminator.NONE, 0, 0f, false);
    }

    public boolean usesDiscriminator() {
        return adversarial > 0 && discriminator != Discriminator.NONE;
    }

    public LossSpec withDiscStart(int step) {
        return new LossSpec(l2, logitLaplace, perceptual, adversarial, discriminator, step, r1Gamma, adaptiveWeight);
    }

    public LossSpec withPerceptual(float w) {
        return new LossSpec(l2, logitLaplace, w, adversarial, discriminator, discStart, r1Gamma, adaptiveWeight);
    }

    public LossSpec withAdversarial(float w) {
        return new LossSpec(l2, logitLaplace, perceptual, w, discriminator, discStart, r1Gamma, adaptiveWeight);
    }

    public LossSpec withLogitLaplace(float w) {
        return new LossSpec(l2, w, perceptual, adversarial, discriminator, discStart, r1Gamma, adaptiveWeight);
    }
}
