package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.ImportedTokenizer;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;

/**
 * A taming-transformers VQGAN (Esser et al., <i>Taming Transformers for High-Resolution Image
 * Synthesis</i>, CVPR 2021; {@code taming.models.vqgan.VQModel}) opened from its checkpoint, for
 * inference: {@link TamingEncoder}, 1x1 {@code quant_conv} to {@code embedDim}, the nearest code by
 * plain squared Euclidean distance over the raw codebook ({@code VectorQuantizer2}, legacy mode: no
 * normalisation), 1x1 {@code post_quant_conv}, {@link TamingDecoder}. Parameter names are the
 * checkpoint's state-dict keys, so loading is a name-by-name copy.
 *
 * <p>Images (B, 3, H, W) in [-1, 1] with H = W = {@link #resolution()} -> codes (B, g, g) int64,
 * in raster order (row-major over the grid, as taming's indices); decoded images are clamped to
 * [-1, 1], as taming does when it writes them ({@link #decodeLatents} gives the raw output).
 */
public final class TamingVqganTokenizer extends ImportedTokenizer<TamingVqganSpec> {

    private final TamingEncoder encoder;
    private final Conv2d quantConv;
    private final Codebook quantize;
    private final Conv2d postQuantConv;
    private final TamingDecoder decoder;

    /** A model with fresh random weights (tests and benchmarks); {@link #load} gives a checkpoint's. */
    public TamingVqganTokenizer(NDManager m, TamingVqganSpec spec) {
        super(spec);
        this.encoder = child("encoder", new TamingEncoder(m, spec));
        this.decoder = child("decoder", new TamingDecoder(m, spec));
        this.quantize = child("quantize", new Codebook(m, spec.nEmbed(), spec.embedDim()));
        this.quantConv = child("quant_conv", new Conv2d(m, spec.zChannels(), spec.embedDim(), 1, 1, 0, true));
        this.postQuantConv = child("post_quant_conv", new Conv2d(m, spec.embedDim(), spec.zChannels(), 1, 1, 0, true));
    }

    /**
     * The model {@code spec} describes, its weights copied from {@code sd} (under the prefix, if any, that
     * holds {@code encoder.conv_in.weight}); the training loss's weights ({@code loss.*}) are left out.
     * The model lives in a sub-manager of {@code m}, freed again when loading fails.
     *
     * @throws ImportException naming missing and unexpected weights with their shapes and shape mismatches,
     *                         a non-finite weight, or a model too large for this machine
     * @throws IOException     when a weight cannot be read from the file
     */
    public static TamingVqganTokenizer load(StateDict sd, TamingVqganSpec spec, NDManager m) throws IOException {
        String prefix = WeightCopy.prefix(sd, "encoder.conv_in.weight", TamingInference.FAMILY);
        return load(sd, spec, m, own -> new TamingVqganTokenizer(own, spec), WeightCopy.under(sd, prefix),
                k -> k.startsWith("loss.") || k.startsWith("discriminator."), "the " + TamingInference.FAMILY + " its spec describes");
    }

    @Override
    protected NDArray encodeSlice(NDArray images) {
        return codes(latents(images));
    }

    @Override
    protected NDArray decodeSlice(NDArray grid) {
        return decodeLatents(codeVectors(grid)).clip(-1f, 1f);
    }

    /** Taming's {@code quant_conv(encoder(x))}: images (B, 3, H, W) -> latents (B, embedDim, g, g), before quantisation. */
    public NDArray latents(NDArray images) {
        return quantConv.forward(encoder.forward(images));
    }

    /** Latents (B, embedDim, g, g) -> ids of the nearest codes (B, g, g) int64. */
    public NDArray codes(NDArray latents) {
        long b = latents.getShape().get(0), d = latents.getShape().get(1), g = latents.getShape().get(2);
        NDArray flat = latents.transpose(0, 2, 3, 1).reshape(-1, d);   // (B*g*g, D), rows in (b, y, x) order
        return NearestCode.indices(flat, quantize.table(latents)).reshape(b, g, g); // (B, g, g)
    }

    /** Code ids (B, g, g) int64 -> their codebook rows as a latent map (B, embedDim, g, g): {@code get_codebook_entry}. */
    public NDArray codeVectors(NDArray grid) {
        long b = grid.getShape().get(0), g = grid.getShape().get(1);
        NDArray rows = quantize.table(grid).get(grid.flatten());        // (B*g*g, D)
        return rows.reshape(b, g, g, spec().embedDim()).transpose(0, 3, 1, 2); // (B, D, g, g)
    }

    /** Taming's {@code decode}: quantized latents (B, embedDim, g, g) -> raw images (B, 3, H, W), not clamped. */
    public NDArray decodeLatents(NDArray quant) {
        return decoder.forward(postQuantConv.forward(quant));
    }
}
