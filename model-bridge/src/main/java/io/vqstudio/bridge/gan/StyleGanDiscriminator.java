package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * StyleGAN2's residual discriminator (Karras et al. 2020), the one ViT-VQGAN (Yu et al. 2022)
 * trains its tokenizer against. Images (B, 3, R, R) in [-1, 1] -> one real/fake logit per image,
 * (B, 1), unbounded.
 *
 * <p>Layout: fromRGB (1x1 conv + lrelu); one {@link DiscriminatorBlock} per halving down to
 * 4x4; then the epilogue: minibatch standard deviation (one extra feature channel), conv3x3 +
 * lrelu, flatten, linear + lrelu, linear to the logit. Channels at resolution r are
 * {@code min(baseChannels * R / r, maxChannels)}, doubling as the maps shrink.
 *
 * <p>Deviations from StyleGAN2 (plain ops only): no equalized learning rate, no lrelu gain, no
 * blur filter (see {@link DiscriminatorBlock}); weights use PyTorch's default initialisation and
 * the linear layers N(0, 1/fanIn). The minibatch-std group is the largest divisor of B that is at
 * most 4, where StyleGAN2 demands that 4 divides B.
 */
public final class StyleGanDiscriminator extends Module {

    private static final float SLOPE = 0.2f;
    private static final int MBSTD_GROUP = 4;

    private final int resolution;
    private final Conv2d fromRgb;
    private final List<DiscriminatorBlock> blocks = new ArrayList<>();
    private final Conv2d epilogueConv;
    private final Linear fc;
    private final Linear out;

    /** {@code resolution} a power of two, at least 8. */
    public StyleGanDiscriminator(NDManager m, int resolution, int baseChannels, int maxChannels) {
        if (resolution < 8 || Integer.bitCount(resolution) != 1) {
            throw new IllegalArgumentException("resolution must be a power of two >= 8, got " + resolution);
        }
        this.resolution = resolution;
        IntUnaryOperator channels = r -> Math.min(baseChannels * (resolution / r), maxChannels);
        this.fromRgb = child("from_rgb", new Conv2d(m, 3, channels.applyAsInt(resolution), 1, 1, 0, true));
        int i = 0;
        for (int r = resolution; r > 4; r /= 2) {
            blocks.add(child("blocks." + i++,
                    new DiscriminatorBlock(m, channels.applyAsInt(r), channels.applyAsInt(r / 2))));
        }
        int c4 = channels.applyAsInt(4);
        this.epilogueConv = child("epilogue.conv", new Conv2d(m, c4 + 1, c4, 3, 1, 1, true));
        this.fc = child("epilogue.fc", new Linear(m, c4 * 16, c4, true, (float) (1 / Math.sqrt(c4 * 16.0))));
        this.out = child("epilogue.out", new Linear(m, c4, 1, true, (float) (1 / Math.sqrt(c4))));
    }

    /**
     * CPU-sized defaults: 32 channels at 64x64 (64 at 16 and 32, 16 at 128 and 256), doubling
     * per halving up to 256: 3.5 M parameters and about 0.85 GFLOP per image forward at 64x64.
     */
    public static StyleGanDiscriminator forResolution(NDManager m, int resolution) {
        int base = Math.max(16, Math.min(64, 2048 / resolution));
        return new StyleGanDiscriminator(m, resolution, base, 256);
    }

    /** (B, 3, R, R) in [-1, 1] -> (B, 1) logits. */
    public NDArray forward(NDArray images) {
        long b = images.getShape().get(0);
        NDArray x = Activation.leakyRelu(fromRgb.forward(images), SLOPE);   // (B, C_R, R, R)
        for (DiscriminatorBlock block : blocks) {
            x = block.forward(x);
        }                                                                   // (B, C_4, 4, 4)
        x = minibatchStd(x, groupSize(b));                                  // (B, C_4 + 1, 4, 4)
        x = Activation.leakyRelu(epilogueConv.forward(x), SLOPE);           // (B, C_4, 4, 4)
        x = Activation.leakyRelu(fc.forward(x.reshape(b, -1)), SLOPE);      // (B, C_4)
        return out.forward(x);                                              // (B, 1)
    }

    public int resolution() {
        return resolution;
    }

    /**
     * StyleGAN's minibatch standard deviation with one feature channel: the batch splits into
     * groups of {@code g} (samples i, i + B/g, i + 2B/g... together, as StyleGAN's reshape does); each group's
     * per-position standard deviation, averaged over channels and positions, becomes one constant
     * map appended to every member. (B, C, H, W) -> (B, C + 1, H, W).
     */
    static NDArray minibatchStd(NDArray x, int g) {
        long b = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), w = x.getShape().get(3);
        NDArray y = x.reshape(g, b / g, c, h, w);                          // (G, n, C, H, W)
        y = y.sub(y.mean(new int[] {0}, true));
        y = y.square().mean(new int[] {0}).add(1e-8f).sqrt();               // (n, C, H, W)
        y = y.reshape(b / g, -1).mean(new int[] {1}).reshape(b / g, 1, 1, 1); // (n, 1, 1, 1)
        y = y.tile(new long[] {g, 1, h, w});                                // (B, 1, H, W)
        return x.concat(y, 1);
    }

    /** The largest divisor of {@code batch} that is at most 4. */
    static int groupSize(long batch) {
        int g = (int) Math.min(MBSTD_GROUP, batch);
        while (batch % g != 0) {
            g--;
        }
        return g;
    }
}
