package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

/**
 * A pre-LayerNorm transformer block (as in ViT and GPT-2): x + Attn(LN(x)), then x + MLP(LN(x)),
 * the MLP being Linear -> exact GELU -> Linear. Residual dropout (priors) only when training.
 */
public final class TransformerBlock extends Module {

    private final LayerNorm ln1;
    private final Attention attn;
    private final LayerNorm ln2;
    private final Linear fc1;
    private final Linear fc2;
    private final float dropout;

    public TransformerBlock(NDManager m, int dim, int numHeads, int mlpDim, float dropout) {
        this.ln1 = child("ln1", new LayerNorm(m, dim));
        this.attn = child("attn", new Attention(m, dim, numHeads));
        this.ln2 = child("ln2", new LayerNorm(m, dim));
        this.fc1 = child("fc1", new Linear(m, dim, mlpDim));
        this.fc2 = child("fc2", new Linear(m, mlpDim, dim));
        this.dropout = dropout;
    }

    /** (B, T, D) -> (B, T, D); {@code causal} as in {@link Attention#forward}. */
    public NDArray forward(NDArray x, boolean causal, boolean training) {
        x = x.add(drop(attn.forward(ln1.forward(x), causal, dropout, training), training));
        return x.add(drop(mlp(ln2.forward(x), training), training));
    }

    /** One cached decoding step: (B, D) -> (B, D). */
    public NDArray forwardCached(NDArray x, KvCache.Layer cache) {
        x = attn.forwardCached(ln1.forward(x), cache).addi(x);                 // x + attn: the same sum
        StepPhases.lap(StepPhases.Phase.ATTENTION);
        x = fc2.forwardRows(Linear.rows(Activation.gelu(fc1.forwardRows(ln2.forward(x))))).addi(x);
        StepPhases.lap(StepPhases.Phase.MLP);
        return x;
    }

    private NDArray mlp(NDArray x, boolean training) {
        return fc2.forward(drop(Activation.gelu(fc1.forward(x)), training));
    }

    private NDArray drop(NDArray x, boolean training) {
        return training && dropout > 0 ? ai.djl.nn.norm.Dropout.dropout(x, dropout, true).singletonOrThrow() : x;
    }
}
