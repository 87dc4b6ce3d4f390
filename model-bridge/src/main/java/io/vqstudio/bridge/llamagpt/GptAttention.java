package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;

/**
 * LlamaGen's attention: one fused projection {@code wqkv} without bias, split as queries (D), keys
 * and values (nKvHead * Dh each); 2-D rotary embedding on queries and keys; key/value heads repeated
 * with {@code repeat_interleave} up to the query heads; softmax(q k^T / sqrt(Dh)) v; output {@code wo}
 * without bias. Causal over the whole sequence, or one position at a time with a KV cache.
 */
final class GptAttention extends Module {

    private final Linear wqkv;
    private final Linear wo;
    private final int nHead;
    private final int nKvHead;
    private final int headDim;

    GptAttention(NDManager m, LlamaGptSpec spec) {
        this.nHead = spec.nHead();
        this.nKvHead = spec.nKvHead();
        this.headDim = spec.headDim();
        int d = spec.dim();
        this.wqkv = child("wqkv", new Linear(m, d, d + 2 * nKvHead * headDim, false, 0f));
        this.wo = child("wo", new Linear(m, d, d, false, 0f));
    }

    /**
     * @param x     (B, T, D)
     * @param rope  the T positions' rotary factors ({@link Rope2d#factors})
     * @param mask  additive (T, T) causal mask, or null with a cache
     * @param cache the layer's cache, or null; with a cache T must be 1 and this position is appended to it
     * @return (B, T, D)
     */
    NDArray forward(NDArray x, NDArray[] rope, NDArray mask, KvCache.Layer cache) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2), kv = (long) nKvHead * headDim;
        NDArray qkv = wqkv.forward(x);                                                  // (B, T, D + 2 kv)
        NDArray q = Rope2d.apply(qkv.get(":, :, 0:{}", d).reshape(b, t, nHead, headDim), rope)
                .transpose(0, 2, 1, 3);                                                 // (B, H, T, Dh)
        NDArray k = Rope2d.apply(qkv.get(":, :, {}:{}", d, d + kv).reshape(b, t, nKvHead, headDim), rope)
                .transpose(0, 2, 1, 3);                                                 // (B, Hkv, T, Dh)
        NDArray v = qkv.get(":, :, {}:", d + kv).reshape(b, t, nKvHead, headDim).transpose(0, 2, 1, 3);
        if (cache == null) {
            return wo.forward(attend(q, k, v, mask, b, t, d));
        }
        cache.append(k, v);
        // The views belong to the cache's manager: closed here, memory stays flat over a sequence.
        try (NDArray keys = cache.keys(); NDArray values = cache.values()) {            // (B, Hkv, S, Dh)
            return wo.forward(attend(q, keys, values, null, b, t, d));
        }
    }

    /** softmax(q k^T / sqrt(Dh) + mask) v over (B, H, T, Dh) queries: (B, T, D). Results belong to q's manager. */
    private NDArray attend(NDArray q, NDArray k, NDArray v, NDArray mask, long b, long t, long d) {
        int rep = nHead / nKvHead;
        NDArray kt = k.transpose(0, 1, 3, 2);                                           // (B, Hkv, Dh, S)
        kt.attach(q.getManager());
        if (rep > 1) {
            kt = kt.repeat(1, rep);                                                     // (B, H, Dh, S), repeat_interleave
            v = v.repeat(1, rep);
            v.attach(q.getManager());
        }
        NDArray att = Scalars.mul(q, 1.0 / Math.sqrt(headDim)).matMul(kt);             // (B, H, T, S)
        if (mask != null) {
            att = att.add(mask);
        }
        return att.softmax(-1).matMul(v)                                                // (B, H, T, Dh)
                .transpose(0, 2, 1, 3).reshape(b, t, d);                                // (B, T, D)
    }
}
