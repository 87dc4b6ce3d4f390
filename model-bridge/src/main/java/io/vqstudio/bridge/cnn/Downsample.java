package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.Module;

/**
 * Taming's learned down-sampling by 2: zero-pad one column on the right and one row at the
 * bottom (PyTorch pad (0, 1, 0, 1)), then a 3x3 convolution with stride 2 and no padding, so
 * output (i, j) sees input rows and columns 2i..2i+2, 2j..2j+2. (B, C, H, W) -> (B, C, H/2, W/2)
 * for even H and W.
 */
public final class Downsample extends Module {

    // PyTorch's pad order: (left, right) of the last axis, then (top, bottom) of the one before.
    private static final Shape PAD = new Shape(0, 1, 0, 1);

    private final Conv2d conv;

    public Downsample(NDManager m, int channels) {
        this.conv = child("conv", new Conv2d(m, channels, channels, 3, 2, 0, true));
    }

    /** (B, C, H, W) -> (B, C, H/2, W/2) */
    public NDArray forward(NDArray x) {
        return conv.forward(x.pad(PAD, 0));                             // (B, C, H+1, W+1) -> (B, C, H/2, W/2)
    }
}
