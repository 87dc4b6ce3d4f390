package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Attention;
import io.vqstudio.bridge.nn.FusedAttention;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.nn.Slices;

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
     * Causal attention over the whole sequence (libtorch's fused kernel, {@link FusedAttention},
     * when it is available; key/value heads repeated first).
     *
     * @param x     (B, T, D)
     * @param rope  the T positions' rotary factors ({@link Rope2d#factors})
     * @return (B, T, D)
     */
    NDArray forward(NDArray x, NDArray[] rope) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2), kv = (long) nKvHead * headDim;
        NDArray qkv = wqkv.forward(x);                                                  // (B, T, D + 2 kv)
        NDArray q = Rope2d.apply(qkv.get(":, :, 0:{}", d).reshape(b, t, nHead, headDim), rope)
                .transpose(0, 2, 1, 3);                                                 // (B, H, T, Dh)
        NDArray k = Rope2d.apply(qkv.get(":, :, {}:{}", d, d + kv).reshape(b, t, nKvHead, headDim), rope)
                .transpose(0, 2, 1, 3);                                                 // (B, Hkv, T, Dh)
        NDArray v = qkv.get(":, :, {}:", d + kv).reshape(b, t, nKvHead, headDim).transpose(0, 2, 1, 3);
        int rep = nHead / nKvHead;
        if (rep > 1) {
            k = k.repeat(1, rep);                                                       // (B, H, T, Dh), repeat_interleave
            v = v.repeat(1, rep);
        }
        NDArray y = FusedAttention.attendCausal(q, k, v, 0f);                          // (B, H, T, Dh) or null
        if (y == null) {
            NDArray att = Scalars.mul(q, 1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2)); // (B, H, T, T)
            y = att.add(Attention.causalMask(x.getManager(), t)).softmax(-1).matMul(v);
        }
        return wo.forward(y.transpose(0, 2, 1, 3).reshape(b, t, d));                   // (B, T, D)
    }

    /**
     * One cached decoding step in as few operations as it allows (its arrays are kilobytes, so each
     * operation's fixed cost sets the time): queries and keys rotated together by one product with the
     * position's rotation ({@link Rope2d#rotation}), views of the projection for q, k and v, the key
     * written as a column (the cache's layout) and the cache's filled part read in place. Unfused on
     * purpose: for one query row {@link FusedAttention}'s call costs more than it saves (see
     * {@link Attention#forwardCached} for why).
     *
     * @param x     (B, D) the newest position
     * @param rot   (Dh, Dh) the position's rotary rotation
     * @param cache the layer's cache; this position is appended to it
     * @return (B, D)
     */
    NDArray forwardCached(NDArray x, NDArray rot, KvCache.Layer cache) {
        long b = x.getShape().get(0), d = (long) nHead * headDim, kv = (long) nKvHead * headDim;
        NDArray qkv = wqkv.forwardRows(x);                                                      // (B, D + 2 kv)
        NDArray qk = Slices.narrow(qkv, 1, 0, d + kv).reshape(b, nHead + nKvHead, 1, headDim).matMul(rot); // (B, H + Hkv, 1, Dh)
        NDArray q = Slices.narrow(qk, 1, 0, nHead);                                             // (B, H, 1, Dh)
        NDArray k = Slices.narrow(qk, 1, nHead, nHead + nKvHead).reshape(b, nKvHead, headDim, 1);
        NDArray v = Slices.narrow(qkv, 1, d + kv, d + 2 * kv).reshape(b, nKvHead, 1, headDim);
        cache.appendColumn(k, v);
        // The views belong to the cache's manager: closed here, memory stays flat over a sequence.
        try (NDArray kt = cache.keysT(); NDArray vs = cache.values()) {                         // (B, Hkv, Dh, S), (B, Hkv, S, Dh)
            NDArray keys = kt, values = vs;
            int rep = nHead / nKvHead;
            if (rep > 1) {
                keys = kt.repeat(1, rep);                                                       // repeat_interleave
                values = vs.repeat(1, rep);
                keys.attach(q.getManager());
                values.attach(q.getManager());
            }
            NDArray att = q.mul(like(scale(), q)).matMul(keys).softmax(-1);                    // (B, H, 1, S)
            return wo.forwardRows(att.matMul(values).reshape(b, d));                            // (B, D)
        }
    }

    private NDArray scale;   // 1 / sqrt(Dh), 0-d float32 in the weights' manager

    private NDArray scale() {
        if (scale == null) {
            scale = wo.weight().getManager().full(new ai.djl.ndarray.types.Shape(), (float) (1.0 / Math.sqrt(headDim)));
        }
        return scale;
    }
}
