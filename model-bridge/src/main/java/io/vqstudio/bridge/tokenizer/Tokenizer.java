package io.vqstudio.bridge.tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.nn.Batches;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.Laps;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.vq.Quantized;
import io.vqstudio.bridge.vq.VectorQuantizer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Stage 1: an image tokenizer. Images (B, 3, H, W) in [-1, 1] become a (B, g, g) grid of code ids
 * and back. Implemented by ViT-VQGAN and by the CNN baselines; the trainer and the api see only
 * this. Decoders emit {@link PixelHead#CHANNELS} raw channels that {@link PixelHead} turns into
 * an image and into the logit-Laplace likelihood.
 */
public abstract class Tokenizer extends Module implements ImageTokenizer {

    /** Parameter-name prefixes of {@link #decoderParameters()}, shared by ViT-VQGAN and the CNN baselines. */
    private static final List<String> DECODER_SIDE = List.of("decoder.", "post_quant_conv.", "quantizer.proj_out.");

    /** Output projections of a transformer block's two residual branches (zeroed in a grown decoder's new blocks). */
    private static final Pattern RESIDUAL_OUTPUT = Pattern.compile(".*\\.(attn\\.proj|fc2)\\.(weight|bias)");

    /**
     * At most this many images per pass of {@link #encode} and {@link #decode} on the CPU. Larger
     * batches are slower per image there: their activations (B x heads x T x T attention maps, MLP
     * activations) leave the caches and reach sizes that libtorch allocates slowly (a fresh tensor of
     * tens of megabytes costs many times an in-place operation on it). The figures are in the
     * README's Benchmarks.
     */
    static final int CPU_SLICE = 8;

    /**
     * At most this many tokens per pass on the CPU: 8 images of a 16x16 grid, 2 of the paper's
     * 32x32 grid at 256 px, whose activations per image are four times larger.
     */
    static final int CPU_SLICE_TOKENS = 2048;

    /** Images per pass on the CPU for images of {@code tokens} tokens each (1 to {@link #CPU_SLICE}). */
    static int sliceImages(long tokens) {
        return (int) Math.max(1, Math.min(CPU_SLICE, CPU_SLICE_TOKENS / tokens));
    }

    /** Images per pass of {@link #encode} and {@link #decode} on the CPU ({@link Batches}, which frees each slice's intermediates). */
    private int sliceImages() {
        return sliceImages((long) gridSize() * gridSize());
    }

    private DataType computeType = DataType.FLOAT32;

    /**
     * Runs the encoder and decoder of {@link #quantize}, {@link #encode} and {@link #decode} in
     * float16 (mixed precision for inference on a GPU; the quantizer, norms and softmax stay in
     * float32). Never for a model that is being trained.
     */
    public final void useHalfPrecision(boolean on) {
        computeType = on ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    private NDArray compute(NDArray x) {
        return x.getDataType() == computeType ? x : x.toType(computeType, false);
    }

    private static NDArray float32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    private final TrainableTokenizerSpec spec;

    protected Tokenizer(TrainableTokenizerSpec spec) {
        this.spec = spec;
    }

    /** The spec it was built from (saved beside every checkpoint). */
    public TrainableTokenizerSpec spec() {
        return spec;
    }

    public abstract VectorQuantizer quantizer();

    /** Images (B, 3, H, W) -> encoder output before quantization, (B, T, d), T = g * g in raster order. */
    public abstract NDArray encodeContinuous(NDArray images);

    /** Quantized vectors (B, T, d) -> raw decoder output (B, PixelHead.CHANNELS, H, W). */
    public abstract NDArray decodeRaw(NDArray quantized);

    /** The decoder's last layer weight: taming's "GL" for the adaptive GAN weight. */
    public abstract NDArray lastLayerWeight();

    /**
     * The weights that only turn codes into pictures: the decoder, and the projections between the
     * codebook and it. Nothing here decides a code, so training these alone (a decoder fine-tune)
     * keeps every code grid, and every prior made on them, valid.
     */
    public final Map<String, NDArray> decoderParameters() {
        Map<String, NDArray> out = new LinkedHashMap<>(parameters());
        out.keySet().removeIf(name -> DECODER_SIDE.stream().noneMatch(name::startsWith));
        return out;
    }

    /**
     * Takes over every weight of {@code source}, a tokenizer of the same spec except perhaps a deeper
     * encoder or decoder. Blocks the source lacks start as identities (their attention and MLP output
     * projections zeroed, the residual branch adds nothing), so this model reconstructs exactly as the
     * source does until it is trained. Weights are copied, not shared.
     */
    public final void takeWeightsOf(Tokenizer source) {
        Map<String, NDArray> mine = parameters();
        Map<String, NDArray> theirs = source.parameters();
        try (NoGrad noGrad = NoGrad.enter()) {
            theirs.forEach((name, w) -> {
                NDArray p = mine.get(name);
                if (p == null || !p.getShape().equals(w.getShape())) {
                    throw new IllegalArgumentException("cannot take over '" + name + "' " + w.getShape() + ": this "
                            + spec.name() + " has " + (p == null ? "no such weight" : p.getShape()));
                }
                InPlace.set(p, w.toType(DataType.FLOAT32, false).toFloatArray());
            });
            mine.forEach((name, p) -> {
                if (!theirs.containsKey(name) && RESIDUAL_OUTPUT.matcher(name).matches()) {
                    InPlace.set(p, new float[Math.toIntExact(p.getShape().size())]);
                }
            });
        }
    }

    /** Images -> quantization result: straight-through vectors, (B, T) ids and the codebook loss. */
    public final Quantized quantize(NDArray images) {
        return quantizer().forward(encodeContinuous(compute(images)));
    }

    /**
     * Images -> the codes of the frozen encoder and codebook (no gradient reaches them), looked up
     * again so that gradients flow only into {@link #decoderParameters()}; no codebook loss.
     */
    public final Quantized quantizeFrozen(NDArray images) {
        NDArray ids, e;
        try (NoGrad noGrad = NoGrad.enter()) {
            ids = codeIds(images);                                      // (B, T)
            e = quantizer().codeVectors(ids);                           // (B, T, c)
        }
        return new Quantized(quantizer().back(e), ids, null);          // (B, T, d)
    }

    @Override
    public final NDArray encode(NDArray images) {
        return Batches.map(images, sliceImages(), x -> {
            NDArray ids = codeIds(x);                                   // (b, T)
            return ids.reshape(ids.getShape().get(0), gridSize(), gridSize());
        });
    }

    /** Images -> code ids (B, T): the encoder and the nearest-code search only. */
    private NDArray codeIds(NDArray images) {
        NDArray z = encodeContinuous(compute(images));                  // (B, T, d)
        Laps.mark("encoder");
        NDArray ids = quantizer().indices(z);
        Laps.mark("quantizer");
        return ids;
    }

    @Override
    public final NDArray decode(NDArray grid) {
        return Batches.map(grid, sliceImages(), g -> {
            NDArray flat = g.reshape(g.getShape().get(0), (long) gridSize() * gridSize()); // (b, T)
            NDArray e = compute(quantizer().lookup(flat));             // (b, T, d)
            Laps.mark("lookup");
            NDArray raw = float32(decodeRaw(e));                       // (b, C, H, W)
            Laps.mark("decoder");
            NDArray image = PixelHead.toImage(raw);
            Laps.mark("pixels");
            return image;
        });
    }

}
