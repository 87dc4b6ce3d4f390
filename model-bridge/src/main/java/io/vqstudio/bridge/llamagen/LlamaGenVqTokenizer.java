package io.vqstudio.bridge.llamagen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.taming.VqModel;
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
public final class LlamaGenVqTokenizer extends VqModel<LlamaGenVqSpec> {

    /** {@code F.normalize}'s default eps: norms below it are taken as it. */
    static final double NORM_EPS = 1e-12;

    /** A model with fresh random weights (tests and benchmarks); {@link #load} gives a checkpoint's. */
    public LlamaGenVqTokenizer(NDManager m, LlamaGenVqSpec spec) {
        super(m, spec, new LlamaGenEncoder(m, spec), new LlamaGenDecoder(m, spec), spec.zChannels(), spec.codebookSize(),
                spec.codebookEmbedDim());
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

    /** LlamaGen matches and looks up l2-normalised rows ({@code F.normalize} on latents and codebook alike). */
    @Override
    protected NDArray toLookup(NDArray rows) {
        return rows.normalize(2, 1, NORM_EPS);
    }
}
