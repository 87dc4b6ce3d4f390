package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;

/**
 * StyleGAN2's residual discriminator block (Karras et al. 2020, "resnet" D; also ViT-VQGAN's
 * discriminator): conv3x3 -> lrelu(0.2) -> conv3x3 -> lrelu -> 2x2 average pool, plus a skip path
 * of 2x2 average pool then a bias-free 1x1 conv, the two summed and scaled by 1/sqrt(2) to keep
 * the variance. (B, Cin, H, W) -> (B, Cout, H/2, W/2).
 *
 * <p>Deviations, all to stay with plain ops: 2x2 average pooling instead of the [1,3,3,1] blur
 * filter before down-sampling; the down-sampling happens after the second conv rather than
 * inside it (a strided conv on blurred input in StyleGAN2); no equalized learning rate and no
 * sqrt(2) gain on lrelu, so the weights use PyTorch's default initialisation instead.
 */
public final class DiscriminatorBlock extends Module {

    private static final float SLOPE = 0.2f;
    private static final float INV_SQRT2 = (float) (1.0 / Math.sqrt(2.0));
    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final Conv2d conv0;
    private final Conv2d conv1;
    private final Conv2d skip;

    public DiscriminatorBlock(NDManager m, int in, int out) {
        this.conv0 = child("conv0", new Conv2d(m, in, in, 3, 1, 1, true));
        this.conv1 = child("conv1", new Conv2d(m, in, out, 3, 1, 1, true));
        this.skip = child("skip", new Conv2d(m, in, out, 1, 1, 0, false));
    }

    /** (B, Cin, H, W) -> (B, Cout, H/2, W/2) */
    public NDArray forward(NDArray x) {
        NDArray y = Activation.leakyRelu(conv0.forward(x), SLOPE);
        y = Activation.leakyRelu(conv1.forward(y), SLOPE);
        y = downsample(y);
        NDArray s = skip.forward(downsample(x));
        return Scalars.mul(y.add(s), INV_SQRT2);
    }

    /** (B, C, H, W) -> (B, C, H/2, W/2), the mean of each 2x2 cell. */
    static NDArray downsample(NDArray x) {
        return Pool.avgPool2d(x, POOL, POOL, NO_PAD, false, true);
    }
}
