package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Reuse;

/**
 * Taming's (and DDPM's) residual block, pre-activation: h = conv2(swish(norm2(conv1(swish(norm1(x)))))),
 * output x' + h, where x' is x, or a 1x1 convolution of x ({@code nin_shortcut}) when the width
 * changes. Both convolutions are 3x3, padding 1. (B, Cin, H, W) -> (B, Cout, H, W).
 *
 * <p>Taming's timestep projection ({@code temb_proj}) is absent: its autoencoder never passes a
 * timestep. Its dropout is absent too: every taming config sets it to 0.
 */
public final class ResnetBlock extends Module {

    private final GroupNorm norm1;
    private final Conv2d conv1;
    private final GroupNorm norm2;
    private final Conv2d conv2;
    private final Conv2d ninShortcut; // null when in == out

    public ResnetBlock(NDManager m, int in, int out) {
        this.norm1 = child("norm1", CnnOps.groupNorm(m, in));
        this.conv1 = child("conv1", new Conv2d(m, in, out, 3, 1, 1, true));
        this.norm2 = child("norm2", CnnOps.groupNorm(m, out));
        this.conv2 = child("conv2", new Conv2d(m, out, out, 3, 1, 1, true));
        this.ninShortcut = in != out ? child("nin_shortcut", new Conv2d(m, in, out, 1, 1, 0, true)) : null;
    }

    /** (B, Cin, H, W) -> (B, Cout, H, W) */
    public NDArray forward(NDArray x) {
        NDArray h = conv1.forward(CnnOps.swish(norm1.forward(x)));      // (B, Cout, H, W)
        h = conv2.forward(CnnOps.swish(norm2.forward(h)));
        NDArray skip = ninShortcut == null ? x : ninShortcut.forward(x);
        return Reuse.add(h, skip);                                      // h + skip, the same sum
    }
}
