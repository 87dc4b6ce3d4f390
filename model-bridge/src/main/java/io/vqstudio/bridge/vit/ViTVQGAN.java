package io.vqstudio.bridge.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.vq.VectorQuantizer;

/**
 * ViT-VQGAN (Yu et al., ICLR 2022): ViT encoder over p x p patches, the factorized l2 codebook,
 * ViT decoder. One token per patch: 256x256 with p = 8 gives 32x32 tokens; 64x64 with p = 4, 16x16.
 */
public final class ViTVQGAN extends Tokenizer {

    private final ViTEncoder encoder;
    private final VectorQuantizer quantizer;
    private final ViTDecoder decoder;

    public ViTVQGAN(NDManager m, ViTVqganSpec spec) {
        super(spec);
        this.encoder = child("encoder", new ViTEncoder(m, spec.encoder(), spec.resolution(), spec.patchSize()));
        this.quantizer = child("quantizer", new VectorQuantizer(m, spec.encoder().width(), spec.decoder().width(),
                spec.quantizer()));
        this.decoder = child("decoder", new ViTDecoder(m, spec.decoder(), spec.resolution(), spec.patchSize(),
                PixelHead.CHANNELS));
    }

    @Override
    public ViTVqganSpec spec() {
        return (ViTVqganSpec) super.spec();
    }

    @Override
    public VectorQuantizer quantizer() {
        return quantizer;
    }

    @Override
    public NDArray encodeContinuous(NDArray images) {
        return encoder.forward(images);
    }

    @Override
    public NDArray decodeRaw(NDArray quantized) {
        return decoder.forward(quantized);
    }

    @Override
    public NDArray lastLayerWeight() {
        return decoder.lastLayerWeight();
    }
}
