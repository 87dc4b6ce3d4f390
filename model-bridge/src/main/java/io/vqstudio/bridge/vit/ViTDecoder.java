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
 * ViT-VQGAN's decoder, the encoder's inverse: tokens plus learned positions, pre-LN blocks, a final
 * LayerNorm, the tanh head, then a linear map to p*p*C values per token and un-patchify.
 * Input (B, T, d); output (B, C, H, W) of raw values (C = 6 here: see {@code PixelHead}).
 */
public final class ViTDecoder extends Module {

    private final int patchSize;
    private final int gridSize;
    private final int outChannels;
    private final NDArray posEmbed;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final TanhHead head;
    private final Linear toPixels;

    public ViTDecoder(NDManager m, ViTSize size, int resolution, int patchSize, int outChannels) {
        this.patchSize = patchSize;
        this.gridSize = resolution / patchSize;
        this.outChannels = outChannels;
        this.posEmbed = param("pos_embed", Init.normal(m, 0.02f, 1, (long) gridSize * gridSize, size.width()));
        for (int i = 0; i < size.layers(); i++) {
            blocks.add(child("blocks." + i, new TransformerBlock(m, size.width(), size.heads(), size.mlpDim(), 0f)));
        }
        this.norm = child("norm", new LayerNorm(m, size.width()));
        this.head = child("head", new TanhHead(m, size.width(), size.mlpDim(), size.width()));
        this.toPixels = child("to_pixels", new Linear(m, size.width(), patchSize * patchSize * outChannels));
    }

    /** (B, T, d) -> (B, C, H, W) */
    public NDArray forward(NDArray tokens) {
        NDArray x = tokens.add(like(posEmbed, tokens));
        for (TransformerBlock block : blocks) {
            x = block.forward(x, false, false);
        }
        x = toPixels.forward(head.forward(norm.forward(x)));             // (B, T, p*p*C)
        return Patches.unpatchify(x, gridSize, patchSize, outChannels);
    }

    /** The decoder's last layer weight (taming's "GL" for the adaptive GAN weight). */
    public NDArray lastLayerWeight() {
        return toPixels.weight();
    }
}
