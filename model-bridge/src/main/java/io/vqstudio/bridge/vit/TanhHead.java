package io.vqstudio.bridge.vit;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;

/**
 * ViT-VQGAN's output head on both encoder and decoder: a two-layer feed-forward network with a
 * tanh between the layers and no activation at the output. (B, T, in) -> (B, T, out).
 */
public final class TanhHead extends Module {

    private final Linear fc1;
    private final Linear fc2;

    public TanhHead(NDManager m, int in, int hidden, int out) {
        this.fc1 = child("fc1", new Linear(m, in, hidden));
        this.fc2 = child("fc2", new Linear(m, hidden, out));
    }

    public NDArray forward(NDArray x) {
        return fc2.forward(fc1.forward(x).tanh());
    }
}
