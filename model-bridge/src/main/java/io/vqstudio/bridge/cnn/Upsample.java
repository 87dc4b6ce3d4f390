package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;

/**
 * Taming's up-sampling by 2: nearest-neighbour interpolation (each value copied into a 2x2
 * block), then a 3x3 convolution, padding 1. (B, C, H, W) -> (B, C, 2H, 2W).
 */
public final class Upsample extends Module {

    private final Conv2d conv;

    public Upsample(NDManager m, int channels) {
        this.conv = child("conv", new Conv2d(m, channels, channels, 3, 1, 1, true));
    }

    /** (B, C, H, W) -> (B, C, 2H, 2W) */
    public NDArray forward(NDArray x) {
        return conv.forward(nearest2x(x));
    }

    /** Nearest-neighbour x2: (B, C, H, W) -> (B, C, 2H, 2W), out[y, x] = in[y / 2, x / 2]. */
    static NDArray nearest2x(NDArray x) {
        long b = x.getShape().get(0), c = x.getShape().get(1), h = x.getShape().get(2), w = x.getShape().get(3);
        return x.reshape(b, c, h, 1, w, 1)
                .broadcast(b, c, h, 2, w, 2)                            // (B, C, H, 2, W, 2)
                .reshape(b, c, 2 * h, 2 * w);
    }
}
