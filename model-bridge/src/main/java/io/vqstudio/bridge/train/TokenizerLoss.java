package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.gan.AdaptiveWeight;
import io.vqstudio.bridge.gan.GanLosses;
import io.vqstudio.bridge.gan.InputGradient;
import io.vqstudio.bridge.gan.PatchGanDiscriminator;
import io.vqstudio.bridge.gan.R1Penalty;
import io.vqstudio.bridge.gan.StyleGanDiscriminator;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.perceptual.PerceptualLoss;
import io.vqstudio.bridge.perceptual.TinyDarknet;
import io.vqstudio.bridge.perceptual.TinyDarknetLoader;
import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.vq.Quantized;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Stage-1 objectives, each weighted and switchable by the {@link LossSpec}: L2, logit-Laplace,
 * perceptual (LPIPS-style on a frozen feature network), the codebook/commitment loss, and the
 * adversarial game: StyleGAN2's discriminator with the non-saturating logistic loss and an R1
 * penalty (ViT-VQGAN), or taming's PatchGAN with the hinge loss and the adaptive weight.
 */
final class TokenizerLoss {

    private final LossSpec spec;
    private final TinyDarknet featureNet;
    private final PerceptualLoss perceptual;
    private final Module discriminator;
    private final Function<NDArray, NDArray> dForward;
    private final InputGradient inputGradient;
    private final R1Penalty r1;
    private final AdaptiveWeight adaptive;

    private TokenizerLoss(LossSpec spec, TinyDarknet featureNet, Module discriminator,
                          Function<NDArray, NDArray> dForward, InputGradient inputGradient) {
        this.spec = spec;
        this.featureNet = featureNet;
        this.perceptual = featureNet == null || spec.perceptual() == 0 ? null : new PerceptualLoss(featureNet);
        this.discriminator = discriminator;
        this.dForward = dForward;
        this.inputGradient = inputGradient;
        this.r1 = inputGradient != null && spec.r1Gamma() > 0 ? new R1Penalty(inputGradient, spec.r1Gamma()) : null;
        this.adaptive = inputGradient != null && spec.adaptiveWeight() ? new AdaptiveWeight(inputGradient) : null;
    }

    static TokenizerLoss create(NDManager root, TokenizerTrainSpec run, Progress progress) throws IOException {
        LossSpec spec = run.model().loss();
        TinyDarknet net = null;
        if (run.perceptualPath() != null) {
            net = TinyDarknetLoader.load(root, Path.of(run.perceptualPath()));
        } else if (spec.perceptual() > 0) {
            progress.notice("No perceptual network given (--perceptual PATH): the perceptual loss is off.");
        }
        Module d = null;
        Function<NDArray, NDArray> forward = null;
        InputGradient grad = null;
        if (spec.usesDiscriminator()) {
            int res = run.model().resolution();
            if (spec.discriminator() == LossSpec.Discriminator.STYLEGAN) {
                StyleGanDiscriminator sd = StyleGanDiscriminator.forResolution(root, res);
                d = sd;
                forward = sd::forward;
            } else {
                PatchGanDiscriminator pd = PatchGanDiscriminator.forResolution(root, res);
                d = pd;
                forward = x -> pd.forward(x, true);
            }
            grad = InputGradient.load(root);
        }
        return new TokenizerLoss(spec, net, d, forward, grad);
    }

    /** The discriminator (null when the adversarial loss is off). */
    Module discriminator() {
        return discriminator;
    }

    /** The frozen feature network (null without one): also used for the evaluation's Frechet distance. */
    TinyDarknet featureNet() {
        return featureNet;
    }

    boolean discriminatorActive(long step) {
        return discriminator != null && step >= spec.discStart();
    }

    /** The generator's objective for one batch: x (B, 3, H, W) targets, raw (B, 6, H, W), fake images. */
    StepLosses generator(Tokenizer model, NDArray x, NDArray raw, NDArray fake, Quantized q, long step) {
        StepLosses out = new StepLosses();
        NDArray rec = fake.sub(x).square().mean();
        out.add("train/rec_loss", spec.l2(), rec);
        if (spec.logitLaplace() > 0) {
            out.add("train/nll_loss", spec.logitLaplace(), PixelHead.logitLaplaceNll(raw, x));
        }
        if (perceptual != null) {
            out.add("train/p_loss", spec.perceptual(), perceptual.forward(fake, x));
        }
        if (q.loss() != null) {
            out.add("train/commit_loss", 1f, q.loss());
        }
        if (discriminatorActive(step)) {
            NDArray logits = dForward.apply(fake);
            boolean stylegan = spec.discriminator() == LossSpec.Discriminator.STYLEGAN;
            NDArray g = stylegan ? GanLosses.logisticG(logits) : GanLosses.hingeG(logits);
            float weight = adaptive == null ? 1f : adaptive.compute(Scalars.mul(rec, spec.l2()), g, model.lastLayerWeight());
            out.add("train/g_loss", spec.adversarial() * weight, g);
            out.log("train/d_weight", weight);
        }
        return out;
    }

    /** The discriminator's objective on real x and (detached) fake images. */
    StepLosses discriminatorStep(NDArray x, NDArray fake) {
        StepLosses out = new StepLosses();
        boolean stylegan = spec.discriminator() == LossSpec.Discriminator.STYLEGAN;
        NDArray real = x.duplicate();
        if (r1 != null) {
            real.setRequiresGradient(true); // R1 differentiates D(real) with respect to the real images
        }
        NDArray realLogits = dForward.apply(real);
        NDArray fakeLogits = dForward.apply(fake);
        NDArray d = stylegan ? GanLosses.logisticD(realLogits, fakeLogits) : GanLosses.hingeD(realLogits, fakeLogits);
        out.add("train/d_loss", 1f, d);
        if (r1 != null) {
            out.add("train/r1_penalty", 1f, r1.compute(realLogits, real));
        }
        out.log("train/logits_real", realLogits.mean().getFloat());
        out.log("train/logits_fake", fakeLogits.mean().getFloat());
        return out;
    }
}
