package io.vqstudio.bridge.llamagen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.imports.ImportedTokenizer;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.taming.Codebook;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.taming.NearestCode;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;

/**
 * A LlamaGen VQ tokenizer (Sun et al., <i>Autoregressive Model Beats Diffusion: Llama for Scalable
 * Image Generation</i>, 2024; {@code VQModel} of {@code tokenizer/tokenizer_image/vq_model.py})
 * opened from its checkpoint, for inference: {@link LlamaGenEncoder}, 1x1 {@code quant_conv} to the
 * {@code codebookEmbedDim}-wide lookup space (8 in the released models), both the latents and the
 * codebook rows l2-normalised ({@code F.normalize}, eps 1e-12) before the squared-Euclidean nearest
 * code, the decoder fed the normalised rows through 1x1 {@code post_quant_conv} and
 * {@link LlamaGenDecoder}. Parameter names are the checkpoint's state-dict keys.
 *
 * <p>Images (B, 3, H, W) in [-1, 1] with H = W = {@link #resolution()} -> codes (B, g, g) int64 in
 * raster order; decoded images are clamped to [-1, 1] ({@link #decodeLatents} gives the raw output).
 */
public final class LlamaGenVqTokenizer extends ImportedTokenizer<LlamaGenVqSpec> {

    /** {@code F.normalize}'s default eps: norms below it are taken as it. */
    static final double NORM_EPS = 1e-12;

    private final LlamaGenEncoder encoder;
    private final LlamaGenDecoder decoder;
    private final Codebook quantize;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;

    /** A model with fresh random weights (tests and benchmarks); {@link #load} gives a checkpoint's. */
    public LlamaGenVqTokenizer(NDManager m, LlamaGenVqSpec spec) {
        super(spec);
        this.encoder = child("encoder", new LlamaGenEncoder(m, spec));
        this.decoder = child("decoder", new LlamaGenDecoder(m, spec));
        this.quantize = child("quantize", new Codebook(m, spec.codebookSize(), spec.codebookEmbedDim()));
        this.quantConv = child("quant_conv", new Conv2d(m, spec.zChannels(), spec.codebookEmbedDim(), 1, 1, 0, true));
        this.postQuantConv = child("post_quant_conv", new Conv2d(m, spec.codebookEmbedDim(), spec.zChannels(), 1, 1, 0, true));
    }

    /**
     * The model {@code spec} describes, its weights copied from {@code sd} (float16 files upcast exactly);
     * {@code quantize.codebook_used}, a training statistic, and the training checkpoints' discriminator
     * are left out. The model lives in a sub-manager of {@code m}, freed again when loading fails.
     *
     * @throws ImportException naming missing and unexpected weights with their shapes and shape mismatches,
     *                         a non-finite weight, or a model too large for this machine
     * @throws IOException     when a weight cannot be read from the file
     */
    public static LlamaGenVqTokenizer load(StateDict sd, LlamaGenVqSpec spec, NDManager m) throws IOException {
        String prefix = WeightCopy.prefix(sd, "encoder.conv_in.weight", LlamaGenInference.FAMILY);
        return load(sd, spec, m, own -> new LlamaGenVqTokenizer(own, spec), WeightCopy.under(sd, prefix),
                k -> k.equals("quantize.codebook_used") || k.startsWith("discriminator."),
                "the " + LlamaGenInference.FAMILY + " its spec describes");
    }

    @Override
    protected NDArray encodeSlice(NDArray images) {
        return codes(latents(images));
    }

    @Override
    protected NDArray decodeSlice(NDArray grid) {
        return decodeLatents(codeVectors(grid)).clip(-1f, 1f);
    }

    /** LlamaGen's {@code quant_conv(encoder(x))}: images (B, 3, H, W) -> latents (B, D, g, g), not yet normalised. */
    public NDArray latents(NDArray images) {
        return quantConv.forward(encoder.forward(images));
    }

    /** Latents (B, D, g, g) -> ids of the nearest codes (B, g, g) int64, both sides l2-normalised. */
    public NDArray codes(NDArray latents) {
        long b = latents.getShape().get(0), d = latents.getShape().get(1), g = latents.getShape().get(2);
        NDArray flat = latents.transpose(0, 2, 3, 1).reshape(-1, d)    // (B*g*g, D), rows in (b, y, x) order
                .normalize(2, 1, NORM_EPS);
        return NearestCode.indices(flat, normalisedCodes(latents)).reshape(b, g, g); // (B, g, g)
    }

    /** Code ids (B, g, g) int64 -> their l2-normalised rows as a latent map (B, D, g, g): {@code get_codebook_entry}. */
    public NDArray codeVectors(NDArray grid) {
        long b = grid.getShape().get(0), g = grid.getShape().get(1);
        NDArray rows = normalisedCodes(grid).get(grid.flatten());       // (B*g*g, D)
        return rows.reshape(b, g, g, spec().codebookEmbedDim()).transpose(0, 3, 1, 2); // (B, D, g, g)
    }

    /** LlamaGen's {@code decode}: quantized latents (B, D, g, g) -> raw images (B, 3, H, W), not clamped. */
    public NDArray decodeLatents(NDArray quant) {
        return decoder.forward(postQuantConv.forward(quant));
    }

    /** The codebook (K, D) with unit rows, owned by {@code like}'s manager. */
    private NDArray normalisedCodes(NDArray like) {
        return quantize.table(like).normalize(2, 1, NORM_EPS);
    }
}
