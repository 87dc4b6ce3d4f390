package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.ImportedTokenizer;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;

/**
 * enhancing-transformers' ViT-VQGAN ({@code ViTVQ}; Yu et al. 2022 as thuanz123/enhancing-transformers
 * implements it) for inference: {@link Encoder}, {@code pre_quant} (Linear dim -> e), the l2-normalised
 * {@link L2Quantizer}, {@code post_quant} (Linear e -> dim), {@link Decoder}. Parameter names are the
 * reference's state-dict keys, so {@link #load} reads its checkpoints as they are.
 *
 * <p>The reference's images are in [0, 1] (torchvision's ToTensor), ours in [-1, 1]: {@link #encode}
 * and {@link #decode} convert (the package's {@code encodeUnit}, {@code latents} and {@code decodeUnit}
 * work in the reference's own range, for the reference tests). Decoded images are not clamped, as
 * in the reference. Batches go through in slices on the CPU, each slice's intermediates freed with it.
 */
public final class EnhancingVitvq extends ImportedTokenizer<EnhancingVitvqSpec> {

    /**
     * Bytes of attention scores one CPU pass may make: libtorch allocates fresh tensors of 32 MiB and
     * more slowly on some CPUs (PLATFORM.md), and a 32 x 32 grid's (heads, 1024, 1024) scores reach
     * that at one image, so batches go through a few images at a time, one at a time at 256 px.
     */
    private static final long CPU_ATTENTION_BYTES = 32L << 20;
    private static final long MAX_CPU_SLICE = 8;
    /** How close (in 8-bit levels) an input must lie to a pixel level to be read as that level. */
    private static final float LEVEL_TOLERANCE = 1e-3f;

    private final Encoder encoder;
    private final Linear preQuant;
    private final L2Quantizer quantizer;
    private final Linear postQuant;
    private final Decoder decoder;

    /** A model with random weights (fixed sin-cos positions), in {@code m}. */
    public EnhancingVitvq(NDManager m, EnhancingVitvqSpec spec) {
        super(spec);
        this.encoder = child("encoder", new Encoder(m, spec));
        this.preQuant = child("pre_quant", new Linear(m, spec.encoder().dim(), spec.embedDim()));
        this.quantizer = child("quantizer", new L2Quantizer(m, spec().nEmbed(), spec.embedDim()));
        this.postQuant = child("post_quant", new Linear(m, spec.embedDim(), spec.decoder().dim()));
        this.decoder = child("decoder", new Decoder(m, spec));
    }

    /**
     * The model of {@code spec} with the checkpoint's weights, in {@code m}.
     *
     * @throws ImportException when a weight is missing, unexpected, of another shape or not finite, or the
     *                         model would not fit this machine's memory
     * @throws IOException     when a weight cannot be read from its file
     */
    public static EnhancingVitvq load(StateDict sd, EnhancingVitvqSpec spec, NDManager m) throws IOException {
        return load(sd, spec, m, own -> new EnhancingVitvq(own, spec), CheckpointKeys.of(sd), k -> false,
                "the model inferred for them (" + spec.name() + ")");
    }

    /** Images (b, 3, H, W) in [-1, 1] -> code grid (b, g, g) int64. */
    @Override
    protected NDArray encodeSlice(NDArray images) {
        return encodeUnit(toUnit(images));
    }

    /** Code grid (b, g, g) -> images (b, 3, H, W), the reference's output mapped to [-1, 1], not clamped. */
    @Override
    protected NDArray decodeSlice(NDArray grid) {
        return Scalars.mul(decodeUnit(grid), 2).sub(1);
    }

    /** The reference's {@code pre_quant(encoder(x))}: images in [0, 1] (B, 3, H, W) -> z (B, T, e), not normalised. */
    NDArray latents(NDArray unitImages) {
        try (NoGrad noGrad = NoGrad.enter()) {
            return preQuant.forward(encoder.forward(unitImages));             // (B, T, e)
        }
    }

    /** The reference's {@code encode_codes}: images in [0, 1] (B, 3, H, W) -> code grid (B, g, g). */
    NDArray encodeUnit(NDArray unitImages) {
        long b = unitImages.getShape().get(0);
        try (NoGrad noGrad = NoGrad.enter()) {
            return quantizer.indices(latents(unitImages)).reshape(b, gridSize(), gridSize()); // (B, g, g)
        }
    }

    /** The reference's {@code decode_codes}: code grid (B, g, g) -> images (B, 3, H, W) in its range (about [0, 1]). */
    NDArray decodeUnit(NDArray grid) {
        long[] s = grid.getShape().getShape();
        if (s.length != 3 || s[1] != gridSize() || s[2] != gridSize()) {
            throw new IllegalArgumentException("code grids must be (B, " + gridSize() + ", " + gridSize() + "), not "
                    + grid.getShape());
        }
        long b = s[0];
        NDArray ids = grid.reshape(b, (long) gridSize() * gridSize());        // (B, T)
        if (ids.getDataType().isFloating() || ids.min().getLong() < 0 || ids.max().getLong() >= spec().nEmbed()) {
            throw new IllegalArgumentException("code ids must be integers in 0.." + (spec().nEmbed() - 1));
        }
        try (NoGrad noGrad = NoGrad.enter()) {
            return decoder.forward(postQuant.forward(quantizer.lookup(ids))); // (B, 3, H, W)
        }
    }

    /**
     * [-1, 1] -> [0, 1], so that an 8-bit image gives exactly the reference's float32 p / 255.
     * Our image path makes x = p / 127.5 - 1 in float32, and (x + 1) / 2 differs from p / 255 in the
     * last bit for 63 of the 256 levels, which can flip a code whose distances nearly tie. So a
     * value within {@link #LEVEL_TOLERANCE} of an 8-bit level (far above float32's error in a
     * level's value, under 4e-6 levels, and far below one level) becomes that level's p / 255, and any other value (x + 1) / 2.
     */
    static NDArray toUnit(NDArray x) {
        NDArray levels = Scalars.mul(x.add(1), 127.5);                        // (B, 3, H, W) in 0..255
        NDArray nearest = levels.round();
        NDArray onLevel = levels.sub(nearest).abs().lt(LEVEL_TOLERANCE);
        return NDArrays.where(onLevel, Scalars.div(nearest, 255), Scalars.mul(x.add(1), 0.5));
    }

    /** Images per CPU pass: as many as keep the attention scores within {@link #CPU_ATTENTION_BYTES}, 1 to 8. */
    @Override
    protected long cpuSlice() {
        long t = spec().tokens();
        long perImage = 4L * Math.max(spec().encoder().heads(), spec().decoder().heads()) * t * t;
        return Math.max(1, Math.min(MAX_CPU_SLICE, CPU_ATTENTION_BYTES / perImage));
    }
}
