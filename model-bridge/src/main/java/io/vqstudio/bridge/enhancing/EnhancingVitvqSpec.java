package io.vqstudio.bridge.enhancing;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CODES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;
import static io.vqstudio.bridge.io.SpecLimits.MAX_LAYERS;
import static io.vqstudio.bridge.io.SpecLimits.MAX_MLP;
import static io.vqstudio.bridge.io.SpecLimits.MAX_PATCH;
import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.MAX_WIDTH;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.util.List;

/**
 * The hyper-parameters of an enhancing-transformers ViT-VQGAN ({@code ViTVQ}, thuanz123/enhancing-transformers),
 * named after its config ({@code image_size, patch_size, encoder, decoder, quantizer}). Inferred from
 * a checkpoint by {@link ShapeInference}, never typed by hand.
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}, with a patch that divides the
 * resolution into at most {@code MAX_GRID} tokens a side and widths divisible by 4 (the 2-D sin-cos
 * table splits the width in halves and each half in sines and cosines); otherwise a
 * {@link SpecException} names the field ({@code encoder.heads}, {@code patchSize}...).
 *
 * @param name       the published model's name, or the checkpoint's stem
 * @param resolution side of the square images, in pixels
 * @param patchSize  side of a patch; one token per patch
 * @param encoder    the encoder's transformer
 * @param decoder    the decoder's transformer
 * @param embedDim   the codebook's lookup dimension ({@code quantizer.embed_dim})
 * @param nEmbed     number of codes ({@code quantizer.n_embed})
 */
public record EnhancingVitvqSpec(String name, int resolution, int patchSize, Stack encoder, Stack decoder,
                                 int embedDim, int nEmbed) implements TokenizerSpec {

    public static final String FAMILY = "enhancing-vitvq";


    /**
     * One transformer stack. Attention projects the width {@code dim} to {@code heads * dimHead}
     * (not necessarily {@code dim}), as lucidrains' vit-pytorch, which the reference modifies, does.
     *
     * @param dim     width of the tokens
     * @param depth   pre-LN blocks
     * @param heads   attention heads
     * @param dimHead width of one head (the reference's default is 64)
     * @param mlpDim  hidden width of each block's tanh MLP
     */
    public record Stack(int dim, int depth, int heads, int dimHead, int mlpDim) {

        public Stack {
            range("dim", dim, 4, MAX_WIDTH);
            if (dim % 4 != 0) {
                throw new SpecException("dim", "= " + dim + " is not a multiple of 4, which the 2-D sin-cos positions need");
            }
            range("depth", depth, 1, MAX_LAYERS);
            range("heads", heads, 1, MAX_WIDTH);
            range("dimHead", dimHead, 1, MAX_WIDTH);
            if ((long) heads * dimHead > MAX_WIDTH) {
                throw new SpecException("heads", "x dimHead = " + (long) heads * dimHead + " is over " + MAX_WIDTH);
            }
            range("mlpDim", mlpDim, 1, MAX_MLP);
        }

        /** heads * dimHead: the width of q, k and v. */
        public int inner() {
            return heads * dimHead;
        }

        /** Whether attention has its output projection ({@code to_out}); the reference drops it only here. */
        public boolean projectsOut() {
            return !(heads == 1 && dimHead == dim);
        }

        long parameters(long tokens) {
            long d = dim, i = inner();
            long attn = 3 * d * i + (projectsOut() ? i * d + d : 0);
            return depth * (attn + 2 * d * mlpDim + mlpDim + d + 4 * d) + 2 * d + tokens * d;
        }

        /** (heads, T, T) scores and softmax, the (T, mlpDim) hidden layer, a few (T, d) and (T, inner). */
        long activationBytes(long tokens) {
            return 4 * (2 * heads * tokens * tokens + tokens * mlpDim + 4 * tokens * dim + 3 * tokens * inner());
        }
    }

    public EnhancingVitvqSpec {
        present("name", name);
        if (name.isBlank() || name.length() > 200) {
            throw new SpecException("name", "must be 1 to 200 characters, not blank");
        }
        range("resolution", resolution, 1, MAX_RESOLUTION);
        range("patchSize", patchSize, 1, MAX_PATCH);
        present("encoder", encoder);
        present("decoder", decoder);
        if (resolution % patchSize != 0) {
            throw new SpecException("patchSize", "= " + patchSize + " does not divide the resolution (" + resolution + ")");
        }
        if (resolution / patchSize > MAX_GRID) {
            throw new SpecException("patchSize", "gives a " + resolution / patchSize + " x " + resolution / patchSize
                    + " token grid; at most " + MAX_GRID + " a side");
        }
        range("embedDim", embedDim, 1, MAX_WIDTH);
        range("nEmbed", nEmbed, 1, MAX_CODES);
    }

    /** The same model under another name (the checkpoint's, say). */
    public EnhancingVitvqSpec withName(String newName) {
        return new EnhancingVitvqSpec(newName, resolution, patchSize, encoder, decoder, embedDim, nEmbed);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public int codebookSize() {
        return nEmbed;
    }

    /** Side of the token grid. */
    @Override
    public int gridSize() {
        return resolution / patchSize;
    }

    /** Tokens per image, g * g. */
    public int tokens() {
        return gridSize() * gridSize();
    }

    /** Estimated weights and one image's activations, to refuse a model this machine cannot hold before building it. */
    @Override
    public Footprint footprint() {
        long t = tokens();
        long enc = encoder.parameters(t) + 3L * patchSize * patchSize * encoder.dim + encoder.dim;
        long dec = decoder.parameters(t) + 3L * patchSize * patchSize * decoder.dim + 3;
        long quant = (long) nEmbed * embedDim + (long) encoder.dim * embedDim + embedDim
                + (long) embedDim * decoder.dim + decoder.dim;
        long activations = Math.max(encoder.activationBytes(t), decoder.activationBytes(t)) + 4 * t * nEmbed;
        String heaviest = enc + dec >= quant
                ? (encoder.parameters(t) >= decoder.parameters(t) ? "encoder.depth" : "decoder.depth") : "nEmbed";
        return new Footprint(enc + dec + quant, activations, heaviest);
    }

    /**
     * The two published ImageNet models (enhancing-transformers' README, "imagenet_vitvq_small" and
     * "imagenet_vitvq_base", 256 px): for benchmarks and the random-weight size test only, since
     * imports always infer the size from the checkpoint. What is certain: 256 px, patch 8 (32 x 32
     * tokens), 8,192 codes of dimension 32, and no {@code dim_head} in either config, so the
     * reference's default 64 applies; these come from the project's {@code configs/imagenet_vitvq_small.yaml}
     * and {@code configs/imagenet_vitvq_base.yaml}. The widths are those configs' too: small 512 wide,
     * 8 blocks, 8 heads, MLP 2048; base 768 wide, 12 blocks, 12 heads, MLP 3072, the same for encoder
     * and decoder (ViT-VQGAN's Small and Base sizes). They have not been checked against the
     * published weight files, which are not available here.
     */
    public static List<EnhancingVitvqSpec> presets() {
        Stack small = new Stack(512, 8, 8, 64, 2048);
        Stack base = new Stack(768, 12, 12, 64, 3072);
        return List.of(new EnhancingVitvqSpec("imagenet_vitvq_small", 256, 8, small, small, 32, 8192),
                new EnhancingVitvqSpec("imagenet_vitvq_base", 256, 8, base, base, 32, 8192));
    }

    /** The preset of that name, or an IllegalArgumentException listing the presets. */
    public static EnhancingVitvqSpec preset(String name) {
        return presets().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("no preset '" + name + "' (have: imagenet_vitvq_small, imagenet_vitvq_base)"));
    }
}
