package io.vqstudio.bridge.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.LayerNorm;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * ViT-VQGAN's encoder (Yu et al. 2022, Sec. 3.1): non-overlapping p x p patches, a linear map to
 * width d, learned position embeddings, pre-LN transformer blocks, a final LayerNorm and the tanh
 * output head. Input (B, 3, H, W) in [-1, 1]; output (B, T, d) with T = (H/p)(W/p), raster order.
 */
public final class ViTEncoder extends Module {

    private final int patchSize;
    private final Linear patchEmbed;
    private final NDArray posEmbed;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final TanhHead head;

    public ViTEncoder(NDManager m, ViTSize size, int resolution, int patchSize) {
        if (resolution % patchSize != 0) {
            throw new IllegalArgumentException("resolution " + resolution + " is not a multiple of patch size " + patchSize);
        }
        int tokens = (resolution / patchSize) * (resolution / patchSize);
        this.patchSize = patchSize;
        this.patchEmbed = child("patch_embed", new Linear(m, 3 * patchSize * patchSize, size.width()));
        this.posEmbed = param("pos_embed", Init.normal(m, 0.02f, 1, tokens, size.width()));
        for (int i = 0; i < size.layers(); i++) {
            blocks.add(child("blocks." + i, new TransformerBlock(m, size.width(), size.heads(), size.mlpDim(), 0f)));
        }
        this.norm = child("norm", new LayerNorm(m, size.width()));
        this.head = child("head", new TanhHead(m, size.width(), size.mlpDim(), size.width()));
    }

    /** (B, 3, H, W) -> (B, T, d) */
    public NDArray forward(NDArray images) {
        NDArray x = patchEmbed.forward(Patches.patchify(images, patchSize)); // (B, T, d)
        x = x.add(like(posEmbed, x));
        for (TransformerBlock block : blocks) {
            x = block.forward(x, false, false);
        }
        return head.forward(norm.forward(x));
    }
}
