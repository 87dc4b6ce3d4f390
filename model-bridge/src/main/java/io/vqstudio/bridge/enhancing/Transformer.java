package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.LayerNorm;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Reuse;
import java.util.ArrayList;
import java.util.List;

/**
 * enhancing-transformers' pre-LN transformer: for each layer i, x = attn(LN(x)) + x, then
 * x = ff(LN(x)) + x, and a final LayerNorm (eps 1e-5). Parameter names are the reference's
 * {@code nn.ModuleList} of {@code PreNorm} pairs: {@code layers.<i>.0.norm}, {@code layers.<i>.0.fn.to_qkv},
 * {@code layers.<i>.0.fn.to_out}, {@code layers.<i>.1.norm}, {@code layers.<i>.1.fn.net.0|2}, {@code norm}.
 * (B, T, dim) -> (B, T, dim).
 */
final class Transformer extends Module {

    private final List<LayerNorm> attnNorms = new ArrayList<>();
    private final List<SelfAttention> attns = new ArrayList<>();
    private final List<LayerNorm> ffNorms = new ArrayList<>();
    private final List<FeedForward> ffs = new ArrayList<>();
    private final LayerNorm norm;

    Transformer(NDManager m, EnhancingVitvqSpec.Stack s) {
        for (int i = 0; i < s.depth(); i++) {
            String layer = "layers." + i;
            attnNorms.add(child(layer + ".0.norm", new LayerNorm(m, s.dim())));
            attns.add(child(layer + ".0.fn", new SelfAttention(m, s)));
            ffNorms.add(child(layer + ".1.norm", new LayerNorm(m, s.dim())));
            ffs.add(child(layer + ".1.fn", new FeedForward(m, s.dim(), s.mlpDim())));
        }
        this.norm = child("norm", new LayerNorm(m, s.dim()));
    }

    NDArray forward(NDArray x) {
        for (int i = 0; i < attns.size(); i++) {
            x = Reuse.add(attns.get(i).forward(attnNorms.get(i).forward(x)), x); // (B, T, dim)
            x = Reuse.add(ffs.get(i).forward(ffNorms.get(i).forward(x)), x);
        }
        return norm.forward(x);
    }
}
