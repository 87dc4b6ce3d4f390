package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Module;

/**
 * enhancing-transformers' {@code ViTDecoder}: tokens plus the fixed 2-D sin-cos table
 * ({@code de_pos_embedding}, as stored), the {@link Transformer}, and the transposed-convolution
 * unpatchify ({@code to_pixel.1}; {@code to_pixel.0} is a parameter-free rearrange). Tokens
 * (B, T, dim) -> images (B, 3, H, W) in the reference's range, about [0, 1] and not clamped.
 */
final class Decoder extends Module {

    private final NDArray posEmbedding;
    private final Transformer transformer;
    private final Unpatchify toPixel;

    Decoder(NDManager m, EnhancingVitvqSpec spec) {
        EnhancingVitvqSpec.Stack s = spec.decoder();
        this.posEmbedding = param("de_pos_embedding", SinCosTable.of(m, spec.gridSize(), s.dim()));
        this.transformer = child("transformer", new Transformer(m, s));
        this.toPixel = child("to_pixel.1", new Unpatchify(m, s.dim(), spec.gridSize(), spec.patchSize()));
    }

    NDArray forward(NDArray tokens) {
        NDArray x = tokens.add(posEmbedding);                             // (B, T, dim)
        return toPixel.forward(transformer.forward(x));                   // (B, 3, H, W)
    }
}
