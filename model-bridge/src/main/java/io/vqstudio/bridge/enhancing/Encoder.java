package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;

/**
 * enhancing-transformers' {@code ViTEncoder}: a p x p, stride p convolution from 3 channels to the
 * width ({@code to_patch_embedding.0}), tokens in raster order, plus the fixed 2-D sin-cos table
 * ({@code en_pos_embedding}, used as the checkpoint stores it), then the {@link Transformer}.
 * Images (B, 3, H, W) in the reference's range [0, 1] -> tokens (B, T, dim), T = (H/p)(W/p).
 */
final class Encoder extends Module {

    private final Conv2d patchEmbedding;
    private final NDArray posEmbedding;
    private final Transformer transformer;

    Encoder(NDManager m, EnhancingVitvqSpec spec) {
        EnhancingVitvqSpec.Stack s = spec.encoder();
        int p = spec.patchSize();
        this.patchEmbedding = child("to_patch_embedding.0", new Conv2d(m, 3, s.dim(), p, p, 0, true));
        this.posEmbedding = param("en_pos_embedding", SinCosTable.of(m, spec.gridSize(), s.dim()));
        this.transformer = child("transformer", new Transformer(m, s));
    }

    NDArray forward(NDArray images) {
        NDArray x = patchEmbedding.forward(images);                       // (B, dim, g, g)
        long b = x.getShape().get(0), d = x.getShape().get(1);
        x = x.reshape(b, d, -1).transpose(0, 2, 1).add(posEmbedding);     // (B, T, dim)
        return transformer.forward(x);
    }
}
