package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Multi-head scaled dot-product self-attention ("Attention Is All You Need"), one fused qkv
 * projection. Bidirectional, or causal with a mask; optional attention dropout; and a cached
 * single-step path for autoregressive decoding, where each new token attends to the stored keys
 * and values instead of recomputing the prefix. The full-sequence path runs libtorch's fused
 * kernel ({@link FusedAttention}) when it is available, and the unfused chain below otherwise.
 */
public final class Attention extends Module {

    private final Linear qkv;
    private final Linear proj;
    private final int numHeads;
    private final int headDim;

    public Attention(NDManager m, int dim, int numHeads) {
        if (dim % numHeads != 0) {
            throw new IllegalArgumentException("width " + dim + " is not divisible by " + numHeads + " heads");
        }
        this.numHeads = numHeads;
        this.headDim = dim / numHeads;
        this.qkv = child("qkv", new Linear(m, dim, 3 * dim));
        this.proj = child("proj", new Linear(m, dim, dim));
    }

    /**
     * @param x        (B, T, D)
     * @param mask     additive (T, T) mask (0 or -inf), or null for full attention
     * @param dropout  attention-probability dropout rate, applied only when training
     * @return (B, T, D)
     */
    public NDArray forward(NDArray x, NDArray mask, float dropout, boolean training) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2);
        NDArray h = qkv.forward(x)                                      // (B, T, 3D)
                .reshape(b, t, 3, numHeads, headDim)
                .transpose(2, 0, 3, 1, 4);                              // (3, B, H, T, Dh)
        NDArray q = h.get(0), k = h.get(1), v = h.get(2);               // (B, H, T, Dh)
        NDArray m = mask == null || mask.getDataType() == x.getDataType() ? mask : mask.toType(x.getDataType(), false);
        NDArray fused = FusedAttention.attend(q, k, v, m, training ? dropout : 0f); // (B, H, T, Dh) or null
        if (fused != null) {
            return proj.forward(fused.transpose(0, 2, 1, 3).reshape(b, t, d));
        }
        NDArray att = Scalars.mul(q, 1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2)); // (B, H, T, T)
        if (m != null) {
            att = att.add(m);
        }
        att = inFloat32(att, a -> a.softmax(-1));                        // float32 softmax under float16
        if (training && dropout > 0) {
            att = ai.djl.nn.norm.Dropout.dropout(att, dropout, true).singletonOrThrow();
        }
        NDArray y = att.matMul(v)                                       // (B, H, T, Dh)
                .transpose(0, 2, 1, 3).reshape(b, t, d);                // (B, T, D)
        return proj.forward(y);
    }

    /**
     * One decoding step with a key/value cache (inference only).
     *
     * @param x     (B, 1, D) the newest position
     * @param cache holds the keys and values of the earlier positions; this one is written into it
     * @return (B, 1, D)
     */
    public NDArray forwardCached(NDArray x, KvCache.Layer cache) {
        long b = x.getShape().get(0), d = x.getShape().get(2);
        NDArray h = qkv.forward(x).reshape(b, 1, 3, numHeads, headDim).transpose(2, 0, 3, 1, 4); // (3, B, H, 1, Dh)
        cache.append(h.get(1), h.get(2));
        // The views belong to the cache's manager: closing them here keeps memory flat over a sequence.
        try (NDArray k = cache.keys(); NDArray v = cache.values();          // (B, H, t+1, Dh) views
             NDArray kt = k.transpose(0, 1, 3, 2)) {
            NDArray att = inFloat32(Scalars.mul(h.get(0), 1.0 / Math.sqrt(headDim)).matMul(kt),
                    a -> a.softmax(-1));                                 // (B, H, 1, t+1)
            NDArray y = att.matMul(v).transpose(0, 2, 1, 3).reshape(b, 1, d);
            return proj.forward(y);
        }
    }
}
