package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportedTokenizer;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;

/**
 * The {@code VQModel} that taming-transformers and LlamaGen both build, under the same state-dict
 * names: {@code encoder}, 1x1 {@code quant_conv} from {@code z_channels} to the codebook's width,
 * {@code quantize} (the code table), 1x1 {@code post_quant_conv} back, {@code decoder}. The families
 * differ in their encoder and decoder blocks and in the space codes are matched in, which
 * {@link #toLookup} gives (taming: the raw vectors; LlamaGen: l2-normalised).
 *
 * <p>Images (B, 3, H, W) in [-1, 1] -> codes (B, g, g) int64 in raster order (row-major over the
 * grid, as both projects' indices); decoded images are clamped to [-1, 1] ({@link #decodeLatents}
 * gives the raw output).
 *
 * @param <S> the family's spec record
 */
public abstract class VqModel<S extends TokenizerSpec> extends ImportedTokenizer<S> {

    /** An encoder or decoder: one image-shaped map to another. */
    public interface Stage {
        NDArray forward(NDArray x);
    }

    private final Stage encoder;
    private final Stage decoder;
    private final Codebook quantize;
    private final Conv2d quantConv;
    private final Conv2d postQuantConv;
    private final int embedDim;

    /** The network around {@code encoder} and {@code decoder}, the rest with fresh random weights: {@code codes} codes of {@code embedDim} values. */
    protected <E extends Module & Stage, D extends Module & Stage> VqModel(NDManager m, S spec, E encoder, D decoder,
            int zChannels, int codes, int embedDim) {
        super(spec);
        this.encoder = child("encoder", encoder);
        this.decoder = child("decoder", decoder);
        this.quantize = child("quantize", new Codebook(m, codes, embedDim));
        this.quantConv = child("quant_conv", new Conv2d(m, zChannels, embedDim, 1, 1, 0, true));
        this.postQuantConv = child("post_quant_conv", new Conv2d(m, embedDim, zChannels, 1, 1, 0, true));
        this.embedDim = embedDim;
    }

    /** Rows (N, D) -> the same rows in the space codes are matched and looked up in. */
    protected abstract NDArray toLookup(NDArray rows);

    @Override
    protected final NDArray encodeSlice(NDArray images) {
        return codes(latents(images));
    }

    @Override
    protected final NDArray decodeSlice(NDArray grid) {
        return decodeLatents(codeVectors(grid)).clip(-1f, 1f);
    }

    /** {@code quant_conv(encoder(x))}: images (B, 3, H, W) -> latents (B, D, g, g), before quantisation. */
    public final NDArray latents(NDArray images) {
        return quantConv.forward(encoder.forward(images));
    }

    /** Latents (B, D, g, g) -> ids of the nearest codes (B, g, g) int64, both sides in the lookup space. */
    public final NDArray codes(NDArray latents) {
        long b = latents.getShape().get(0), d = latents.getShape().get(1), g = latents.getShape().get(2);
        NDArray flat = toLookup(latents.transpose(0, 2, 3, 1).reshape(-1, d)); // (B*g*g, D), rows in (b, y, x) order
        return NearestCode.indices(flat, toLookup(quantize.table(latents))).reshape(b, g, g); // (B, g, g)
    }

    /** Code ids (B, g, g) int64 -> their rows in the lookup space as a latent map (B, D, g, g): {@code get_codebook_entry}. */
    public final NDArray codeVectors(NDArray grid) {
        long b = grid.getShape().get(0), g = grid.getShape().get(1);
        NDArray rows = toLookup(quantize.table(grid)).get(grid.flatten()); // (B*g*g, D)
        return rows.reshape(b, g, g, embedDim).transpose(0, 3, 1, 2);    // (B, D, g, g)
    }

    /** {@code decode}: quantized latents (B, D, g, g) -> raw images (B, 3, H, W), not clamped. */
    public final NDArray decodeLatents(NDArray quant) {
        return decoder.forward(postQuantConv.forward(quant));
    }
}
