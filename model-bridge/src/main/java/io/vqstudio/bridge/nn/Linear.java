package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** y = x W^T + b over the last axis: (..., in) -> (..., out). Weight (out, in), as in PyTorch. */
public final class Linear extends Module {

    private final NDArray weight;
    private final NDArray bias;
    public final int in;
    public final int out;

    public Linear(NDManager m, int in, int out, boolean bias, float std) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", Init.normal(m, std, out, in));
        this.bias = bias ? param("bias", Init.zeros(m, out)) : null;
    }

    public Linear(NDManager m, int in, int out) {
        this(m, in, out, true, 0.02f);
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, like(weight, x), like(bias, x)).singletonOrThrow();
    }

    public NDArray weight() {
        return weight;
    }
}
