package io.vqstudio.bridge.vit;

import static io.vqstudio.bridge.io.SpecLimits.MAX_LAYERS;
import static io.vqstudio.bridge.io.SpecLimits.MAX_MLP;
import static io.vqstudio.bridge.io.SpecLimits.MAX_WIDTH;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.SpecException;

/**
 * The size of one ViT stack (encoder or decoder), named as in ViT-VQGAN's Table 1. Built only
 * within {@link io.vqstudio.bridge.io.SpecLimits}, with heads dividing the width; otherwise a
 * {@link SpecException} names the field.
 *
 * @param layers  transformer blocks
 * @param width   model width d
 * @param heads   attention heads (width must be divisible by it)
 * @param mlpDim  hidden width of each block's MLP (and of the tanh output head)
 */
public record ViTSize(int layers, int width, int heads, int mlpDim) {

    public ViTSize {
        range("layers", layers, 1, MAX_LAYERS);
        range("width", width, 1, MAX_WIDTH);
        range("heads", heads, 1, width);
        range("mlpDim", mlpDim, 1, MAX_MLP);
        if (width % heads != 0) {
            throw new SpecException("heads", "= " + heads + " does not divide the width (" + width + ")");
        }
    }

    /** Weights of the transformer blocks alone. */
    public long blockParameters() {
        long d = width;
        return layers * (4 * d * d + 2 * d * mlpDim + 9 * d + mlpDim); // q, k, v, o; MLP; norms and biases
    }

    /** Weights of the stack over {@code tokens} positions: its blocks, position embedding and tanh head. */
    public long parameters(long tokens) {
        return blockParameters() + tokens * width + 2L * width * mlpDim;
    }

    /**
     * Bytes of the largest activations of one forward pass over {@code tokens} positions at batch 1:
     * the (heads, T, T) attention scores and their softmax, the (T, mlpDim) hidden layer, a few (T, d).
     */
    public long activationBytes(long tokens) {
        return 4 * (2 * heads * tokens * tokens + tokens * mlpDim + 6 * tokens * width);
    }

    /** Paper: Small, 8 blocks, width 512, 8 heads, MLP 2048. */
    public static final ViTSize SMALL = new ViTSize(8, 512, 8, 2048);
    /** Paper: Base, 12 blocks, width 768, 12 heads, MLP 3072. */
    public static final ViTSize BASE = new ViTSize(12, 768, 12, 3072);
    /** Paper: Large, 32 blocks, width 1280, 16 heads, MLP 5120. */
    public static final ViTSize LARGE = new ViTSize(32, 1280, 16, 5120);
    /** Sized for 64x64 images on a laptop CPU. */
    public static final ViTSize CPU = new ViTSize(4, 256, 4, 1024);
    /** For tests: small enough to train a few steps in the suite. */
    public static final ViTSize TINY = new ViTSize(2, 64, 4, 128);
}
