package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.vq.VectorQuantizer;

/**
 * The convolutional baselines of ViT-VQGAN's Table 1, one class for both:
 * <ul>
 *   <li>{@link CnnVqganSpec}: taming's VQGAN (Esser et al. 2021), {@link CnnEncoder},
 *       1x1 {@code quant_conv}, the quantizer, 1x1 {@code post_quant_conv}, {@link CnnDecoder};
 *   <li>{@link VqVaeSpec}: the same network without the attention blocks (VQ-VAE,
 *       van den Oord et al. 2017, has none); its spec asks for a plain codebook (no l2, no
 *       factorisation) and L2-only losses.
 * </ul>
 * The spec's quantizer decides the codebook; this class does not. One token per f x f pixels, in
 * raster order: 64x64 with f = 4 gives 16x16 tokens. Images (B, 3, H, W) in [-1, 1]; decoder
 * output (B, {@link PixelHead#CHANNELS}, H, W) of raw values.
 *
 * <p>Deviations from the papers: the decoder emits the logit-Laplace's 6 channels instead of 3, as
 * all our decoders do; the VQ-VAE keeps taming's GroupNorm, swish and residual layout rather than
 * the original's ReLU residual stack, so the two baselines differ only where the papers do
 * (attention, codebook, losses).
 */
public final class CnnTokenizer extends Tokenizer {

    private final CnnEncoder encoder;
    private final Conv2d quantConv;
    private final VectorQuantizer quantizer;
    private final Conv2d postQuantConv;
    private final CnnDecoder decoder;

    public CnnTokenizer(NDManager m, CnnTokenizerSpec spec) {
        super(spec);
        boolean attention = spec.attention();
        int zChannels = spec.cnn().zChannels();
        this.encoder = child("encoder", new CnnEncoder(m, spec.cnn(), attention));
        this.quantConv = child("quant_conv", new Conv2d(m, zChannels, zChannels, 1, 1, 0, true));
        this.quantizer = child("quantizer", new VectorQuantizer(m, zChannels, zChannels, spec.quantizer()));
        this.postQuantConv = child("post_quant_conv", new Conv2d(m, zChannels, zChannels, 1, 1, 0, true));
        this.decoder = child("decoder", new CnnDecoder(m, spec.cnn(), attention, PixelHead.CHANNELS));
    }

    @Override
    public CnnTokenizerSpec spec() {
        return (CnnTokenizerSpec) super.spec();
    }

    @Override
    public VectorQuantizer quantizer() {
        return quantizer;
    }

    /** (B, 3, H, W) -> (B, T, zChannels), T = g * g in raster order. */
    @Override
    public NDArray encodeContinuous(NDArray images) {
        return toTokens(quantConv.forward(encoder.forward(images)));
    }

    /** (B, T, zChannels) -> (B, 6, H, W) */
    @Override
    public NDArray decodeRaw(NDArray quantized) {
        return decoder.forward(postQuantConv.forward(toGrid(quantized, gridSize())));
    }

    @Override
    public NDArray lastLayerWeight() {
        return decoder.lastLayerWeight();
    }

    /** Feature map (B, C, g, g) -> tokens (B, g*g, C), token r * g + c being position (r, c). */
    static NDArray toTokens(NDArray z) {
        long b = z.getShape().get(0), c = z.getShape().get(1);
        return z.reshape(b, c, -1).transpose(0, 2, 1);                  // (B, g*g, C)
    }

    /** Tokens (B, g*g, C) -> feature map (B, C, g, g), the inverse of {@link #toTokens}. */
    static NDArray toGrid(NDArray tokens, int g) {
        long b = tokens.getShape().get(0), c = tokens.getShape().get(2);
        return tokens.transpose(0, 2, 1).reshape(b, c, g, g);           // (B, C, g, g)
    }
}
