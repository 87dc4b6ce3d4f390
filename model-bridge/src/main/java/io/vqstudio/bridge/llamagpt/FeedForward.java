package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;

/** SwiGLU feed-forward (Shazeer 2020) as LLaMA and LlamaGen: w2(silu(w1 x) * w3 x), no biases. (B, T, D) -> (B, T, D). */
final class FeedForward extends Module {

    private final Linear w1;
    private final Linear w3;
    private final Linear w2;

    FeedForward(NDManager m, int dim, int hidden) {
        this.w1 = child("w1", new Linear(m, dim, hidden, false, 0f));
        this.w3 = child("w3", new Linear(m, dim, hidden, false, 0f));
        this.w2 = child("w2", new Linear(m, hidden, dim, false, 0f));
    }

    NDArray forward(NDArray x) {
        NDArray gate = w1.forward(x);                                   // (B, T, hidden)
        return w2.forward(gate.mul(Activation.sigmoid(gate)).mul(w3.forward(x)));
    }

    /** {@link #forward} for the few rows of one decoding step, (B, D) -> (B, D) (see {@link Linear#forwardRows}). */
    NDArray forwardRows(NDArray x) {
        NDArray gate = w1.forwardRows(x);                                // (B, hidden)
        return w2.forwardRows(Linear.rows(gate.mul(Activation.sigmoid(gate)).mul(w3.forwardRows(x))));
    }
}
