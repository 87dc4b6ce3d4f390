package io.vqstudio.bridge.tokenizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.vq.Quantized;
import io.vqstudio.bridge.vq.VectorQuantizer;

/**
 * Stage 1: an image tokenizer. Images (B, 3, H, W) in [-1, 1] become a (B, g, g) grid of code ids
 * and back. Implemented by ViT-VQGAN and by the CNN baselines; the trainer and the api see only
 * this. Decoders emit {@link PixelHead#CHANNELS} raw channels that {@link PixelHead} turns into
 * an image and into the logit-Laplace likelihood.
 */
public abstract class Tokenizer extends Module {

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

    private final TokenizerSpec spec;

    protected Tokenizer(TokenizerSpec spec) {
        this.spec = spec;
    }

    /** The spec it was built from (saved beside every checkpoint). */
    public final TokenizerSpec spec() {
        return spec;
    }

    public abstract VectorQuantizer quantizer();

    /** Side of the token grid, g (tokens per image = g * g). */
    public final int gridSize() {
        return spec.gridSize();
    }

    /** Images (B, 3, H, W) -> encoder output before quantization, (B, T, d), T = g * g in raster order. */
    public abstract NDArray encodeContinuous(NDArray images);

    /** Quantized vectors (B, T, d) -> raw decoder output (B, PixelHead.CHANNELS, H, W). */
    public abstract NDArray decodeRaw(NDArray quantized);

    /** The decoder's last layer weight: taming's "GL" for the adaptive GAN weight. */
    public abstract NDArray lastLayerWeight();

    /** Images -> quantization result: straight-through vectors, (B, T) ids and the codebook loss. */
    public final Quantized quantize(NDArray images) {
        return quantizer().forward(encodeContinuous(compute(images)));
    }

    /** Images (B, 3, H, W) -> code grid (B, g, g) int64. */
    public final NDArray encode(NDArray images) {
        NDArray ids = quantize(images).indices();
        return ids.reshape(ids.getShape().get(0), gridSize(), gridSize());
    }

    /** Code grid (B, g, g) -> images (B, 3, H, W) in [-1, 1]. */
    public final NDArray decode(NDArray grid) {
        NDArray flat = grid.reshape(grid.getShape().get(0), (long) gridSize() * gridSize());
        return PixelHead.toImage(float32(decodeRaw(compute(quantizer().lookup(flat)))));
    }
}
