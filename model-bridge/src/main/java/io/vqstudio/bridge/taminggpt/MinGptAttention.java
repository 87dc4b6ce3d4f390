package io.vqstudio.bridge.taminggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Attention;
import io.vqstudio.bridge.nn.FusedAttention;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;

/**
 * minGPT's {@code CausalSelfAttention} as taming-transformers keeps it: separate {@code key}, {@code query}
 * and {@code value} projections with biases, nHead heads of width nEmbd / nHead,
 * softmax(q k^T / sqrt(Dh)) v under a causal mask, output {@code proj} with bias. No position encoding
 * here (the positions are learned and added to the input). Causal over the whole sequence (libtorch's
 * fused kernel, {@link FusedAttention}, when it is available), or one position at a time with a KV cache. The state dict's {@code attn.mask} buffer (the causal mask) is
 * not a parameter: {@link TamingGpt#load} checks it is the plain lower triangle.
 */
final class MinGptAttention extends Module {

    private final Linear key;
    private final Linear query;
    private final Linear value;
    private final Linear proj;
    private final int nHead;
    private final int headDim;

    MinGptAttention(NDManager m, TamingGptSpec spec) {
        int d = spec.nEmbd();
        this.nHead = spec.nHead();
        this.headDim = spec.headDim();
        this.key = child("key", new Linear(m, d, d, true, 0f));
        this.query = child("query", new Linear(m, d, d, true, 0f));
        this.value = child("value", new Linear(m, d, d, true, 0f));
        this.proj = child("proj", new Linear(m, d, d, true, 0f));
    }

    /**
     * @param x     (B, T, D)
     * @param cache the layer's cache, or null for causal attention over the whole sequence; with a
     *              cache T must be 1 and this position is appended to it
     * @return (B, T, D)
     */
    NDArray forward(NDArray x, KvCache.Layer cache) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2);
        NDArray k = heads(key.forward(x), b, t);                                      // (B, H, T, Dh)
        NDArray q = heads(query.forward(x), b, t);
        NDArray v = heads(value.forward(x), b, t);
        if (cache == null) {
            NDArray fused = FusedAttention.attendCausal(q, k, v, 0f);                  // (B, H, T, Dh) or null
            return proj.forward(fused != null ? fused.transpose(0, 2, 1, 3).reshape(b, t, d)
                    : attend(q, k, v, Attention.causalMask(x.getManager(), t), b, t, d));
        }
        cache.append(k, v);
        // Unfused on purpose: for one query row the fused kernel's call costs more than it saves
        // (measured; see Attention#forwardCached for why).
        // The views belong to the cache's manager: closed here, memory stays flat over a sequence.
        try (NDArray keys = cache.keys(); NDArray values = cache.values()) {           // (B, H, S, Dh)
            return proj.forward(attend(q, keys, values, null, b, t, d));
        }
    }

    /** (B, T, D) -> (B, H, T, Dh). */
    private NDArray heads(NDArray x, long b, long t) {
        return x.reshape(b, t, nHead, headDim).transpose(0, 2, 1, 3);
    }

    /** softmax(q k^T / sqrt(Dh) + mask) v over (B, H, T, Dh) queries: (B, T, D), owned by q's manager. */
    private NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, long b, long t, long d) {
        NDArray kt = k.transpose(0, 1, 3, 2);                                          // (B, H, Dh, S)
        kt.attach(q.getManager());
        NDArray att = q.matMul(kt);                                                    // (B, H, T, S)
        att = Scalars.mul(att, 1.0 / Math.sqrt(headDim));                              // scaled after the product, as minGPT
        if (mask != null) {
            att = att.add(mask);
        }
        return att.softmax(-1).matMul(v)                                               // (B, H, T, Dh)
                .transpose(0, 2, 1, 3).reshape(b, t, d);                               // (B, T, D)
    }
}
