package io.vqstudio.bridge.vit;

/**
 * The size of one ViT stack (encoder or decoder), named as in ViT-VQGAN's Table 1.
 *
 * @param layers  transformer blocks
 * @param width   model width d
 * @param heads   attention heads (width must be divisible by it)
 * @param mlpDim  hidden width of each block's MLP (and of the tanh output head)
 */
public record ViTSize(int layers, int width, int heads, int mlpDim) {

    public ViTSize {
        if (layers < 1 || width < 1 || heads < 1 || mlpDim < 1 || width % heads != 0) {
            throw new IllegalArgumentException("invalid ViT size " + layers + "x" + width + "/" + heads + "/" + mlpDim);
        }
    }

    /** Paper: Small, 8 blocks, width 512, 8 heads, MLP 2048. */
    public static final ViTSize SMALL = new ViTSize(8, 512, 8, 2048);
    /** Paper: Base, 12 blocks, width 768, 12 heads, MLP 3072. */
    public static final ViTSize BASE = new ViTSize(12, 768, 12, 3072);
    /** Paper: Large, 32 blocks, width 1280, 16 heads, MLP 5120. */
    public static final ViTSize LARGE = new ViTSize(32, 1280, 16, 5120);
    /** Sized for 64x64 images on a laptop CPU. */
    public static final ViTSize CPU = new ViTSize(4, 256, 4, 1024);
    /** For tests: seconds per hundred steps. */
    public static final ViTSize TINY = new ViTSize(2, 64, 4, 128);
}
