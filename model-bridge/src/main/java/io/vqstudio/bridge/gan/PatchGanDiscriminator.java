package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * The pix2pix PatchGAN discriminator (Isola et al. 2017) as taming-transformers'
 * {@code NLayerDiscriminator} (Esser et al. 2021): images (B, 3, H, W) in [-1, 1] -> a map of
 * real/fake logits (B, 1, H', W'), one per overlapping patch, unbounded.
 *
 * <p>Layers, with {@code n = numLayers} and {@code ndf = baseChannels}: conv4x4 stride 2 (ndf,
 * bias) + lrelu(0.2); n - 1 times conv4x4 stride 2 (bias-free) + BatchNorm + lrelu with channels
 * doubling up to 8 ndf; conv4x4 stride 1 (bias-free) + BatchNorm + lrelu; conv4x4 stride 1 to one
 * channel. All convs pad 1, so H' = H / 2^n - 2: 6x6 patches (70-pixel receptive field) for n = 3
 * at 64x64, 14x14 (34 pixels) for n = 2. As in taming, the stride-2 layers after the first number
 * n - 1; conv weights start at N(0, 0.02^2) and BatchNorm's weight at N(1, 0.02^2). Conv biases
 * start at 0, where taming keeps PyTorch's default uniform draw.
 *
 * <p>Parameter and buffer names match taming's state dict ({@code main.0.weight},
 * {@code main.3.running_mean}, ...).
 */
public final class PatchGanDiscriminator extends Module {

    private static final float SLOPE = 0.2f;
    private static final Shape PAD = new Shape(1, 1);

    /** One conv, with its BatchNorm (null where there is none) and whether lrelu follows. */
    private record Layer(NDArray weight, NDArray bias, Shape stride, BatchNorm2d norm, boolean activate) {}

    private final int numLayers;
    private final List<Layer> layers = new ArrayList<>();
    private int index;

    public PatchGanDiscriminator(NDManager m, int numLayers, int baseChannels) {
        if (numLayers < 1) {
            throw new IllegalArgumentException("numLayers must be at least 1, got " + numLayers);
        }
        this.numLayers = numLayers;
        addLayer(m, 3, baseChannels, 2, true, false, true);
        int mult = 1;
        for (int n = 1; n < numLayers; n++) {
            int prev = mult;
            mult = Math.min(1 << n, 8);
            addLayer(m, baseChannels * prev, baseChannels * mult, 2, false, true, true);
        }
        int prev = mult;
        mult = Math.min(1 << numLayers, 8);
        addLayer(m, baseChannels * prev, baseChannels * mult, 1, false, true, true);
        addLayer(m, baseChannels * mult, 1, 1, true, false, false);
    }

    /**
     * CPU-sized defaults: 2 layers of 32 base channels up to 64x64 (14x14 patches at 64x64,
     * 34-pixel receptive field), taming's 3 layers of 64 above (70-pixel patches).
     */
    public static PatchGanDiscriminator forResolution(NDManager m, int resolution) {
        return resolution <= 64 ? new PatchGanDiscriminator(m, 2, 32) : new PatchGanDiscriminator(m, 3, 64);
    }

    /**
     * (B, 3, H, W) in [-1, 1] -> (B, 1, H', W') logits. {@code training} selects batch statistics
     * (and updates the running ones) or the running statistics; taming trains with batch statistics
     * in both the generator and the discriminator step.
     */
    public NDArray forward(NDArray images, boolean training) {
        NDArray x = images;
        for (Layer layer : layers) {
            x = Conv2d.conv2d(x, layer.weight, layer.bias, layer.stride, PAD);
            if (layer.norm != null) {
                x = layer.norm.forward(x, training);
            }
            if (layer.activate) {
                x = Activation.leakyRelu(x, SLOPE);
            }
        }
        return x;
    }

    /** The side H' of the logit map for an input of side {@code inputSize}. */
    public int outputSize(int inputSize) {
        return (inputSize >> numLayers) - 2;
    }

    public int numLayers() {
        return numLayers;
    }

    /** Registers one conv (and its BatchNorm) under taming's Sequential indices. */
    private void addLayer(NDManager m, int in, int out, int stride, boolean bias, boolean norm, boolean activate) {
        String conv = "main." + index++ + ".";
        NDArray w = param(conv + "weight", m.randomNormal(0f, 0.02f, new Shape(out, in, 4, 4), DataType.FLOAT32));
        NDArray b = bias ? param(conv + "bias", Init.zeros(m, out)) : null;
        BatchNorm2d bn = norm ? child("main." + index++, new BatchNorm2d(m, out)) : null;
        if (activate) {
            index++;                                                        // LeakyReLU's slot
        }
        layers.add(new Layer(w, b, new Shape(stride, stride), bn, activate));
    }
}
