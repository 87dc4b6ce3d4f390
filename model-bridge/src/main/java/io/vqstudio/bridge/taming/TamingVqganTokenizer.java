package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
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
public final class TamingVqganTokenizer extends VqModel<TamingVqganSpec> {

    /** A model with fresh random weights (tests and benchmarks); {@link #load} gives a checkpoint's. */
    public TamingVqganTokenizer(NDManager m, TamingVqganSpec spec) {
        super(m, spec, new TamingEncoder(m, spec), new TamingDecoder(m, spec), spec.zChannels(), spec.nEmbed(), spec.embedDim());
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

    /** Taming matches and looks up the raw vectors ({@code VectorQuantizer2}, legacy mode: no normalisation). */
    @Override
    protected NDArray toLookup(NDArray rows) {
        return rows;
    }
}
