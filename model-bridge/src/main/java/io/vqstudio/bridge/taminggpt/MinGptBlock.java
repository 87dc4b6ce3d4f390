package io.vqstudio.bridge.taminggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.LayerNorm;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;

/**
 * minGPT's pre-norm {@code Block}: x = x + attn(ln1(x)); x = x + mlp(ln2(x)), the MLP
 * Linear(D, 4D) -> GELU (exact erf form, {@code nn.GELU()}) -> Linear(4D, D) as {@code mlp.0} and
 * {@code mlp.2} (state-dict names of the {@code nn.Sequential}). LayerNorm eps 1e-5. (B, T, D) -> (B, T, D);
 * dropout is training-only and absent here.
 */
final class MinGptBlock extends Module {

    private final LayerNorm ln1;
    private final LayerNorm ln2;
    private final MinGptAttention attn;
    private final Linear fc;
    private final Linear out;

    MinGptBlock(NDManager m, TamingGptSpec spec) {
        int d = spec.nEmbd();
        this.ln1 = child("ln1", new LayerNorm(m, d));
        this.ln2 = child("ln2", new LayerNorm(m, d));
        this.attn = child("attn", new MinGptAttention(m, spec));
        this.fc = child("mlp.0", new Linear(m, d, 4 * d, true, 0f));
        this.out = child("mlp.2", new Linear(m, 4 * d, d, true, 0f));
    }

    /** See {@link MinGptAttention#forward} for the arguments. */
    NDArray forward(NDArray x, KvCache.Layer cache) {
        NDArray h = x.add(attn.forward(ln1.forward(x), cache));                 // (B, T, D)
        return h.add(out.forward(Activation.gelu(fc.forward(ln2.forward(h)))));        // (B, T, D), MLP over (B, T, 4D)
    }
}
