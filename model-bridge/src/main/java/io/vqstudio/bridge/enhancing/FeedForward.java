package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;

/**
 * enhancing-transformers' feed-forward block, {@code net = Sequential(Linear(dim, mlpDim), Tanh,
 * Linear(mlpDim, dim))}: tanh, where ViT has GELU. Parameters {@code net.0.*} and {@code net.2.*}.
 * (B, T, dim) -> (B, T, dim).
 */
final class FeedForward extends Module {

    private final Linear in;
    private final Linear out;

    FeedForward(NDManager m, int dim, int mlpDim) {
        this.in = child("net.0", new Linear(m, dim, mlpDim));
        this.out = child("net.2", new Linear(m, mlpDim, dim));
    }

    NDArray forward(NDArray x) {
        return out.forward(in.forward(x).tanh());                         // (B, T, mlpDim) -> (B, T, dim)
    }
}
