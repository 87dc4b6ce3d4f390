package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** 2-D convolution, (B, Cin, H, W) -> (B, Cout, H', W'). Weight (Cout, Cin, k, k), as in PyTorch. */
public final class Conv2d extends Module {

    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;

    public Conv2d(NDManager m, int in, int out, int kernel, int stride, int padding, boolean bias) {
        long fanIn = (long) in * kernel * kernel;
        this.weight = param("weight", Init.kaimingUniform(m, fanIn, out, in, kernel, kernel));
        this.bias = bias ? param("bias", Init.kaimingUniform(m, fanIn, out)) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.convolutional.Conv2d.conv2d(x, like(weight, x), like(bias, x), stride, padding, new Shape(1, 1))
                .singletonOrThrow();
    }

    public NDArray weight() {
        return weight;
    }
}
