package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Multi-head scaled dot-product self-attention ("Attention Is All You Need"), one fused qkv
 * projection. Bidirectional or causal; optional attention dropout; and a cached
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
     * @param causal   position i attends to positions 0..i only (else to all T)
     * @param dropout  attention-probability dropout rate, applied only when training
     * @return (B, T, D)
     */
    public NDArray forward(NDArray x, boolean causal, float dropout, boolean training) {
        long b = x.getShape().get(0), t = x.getShape().get(1), d = x.getShape().get(2);
        NDArray h = qkv.forward(x)                                      // (B, T, 3D)
                .reshape(b, t, 3, numHeads, headDim)
                .transpose(2, 0, 3, 1, 4);                              // (3, B, H, T, Dh)
        NDArray q = h.get(0), k = h.get(1), v = h.get(2);               // (B, H, T, Dh)
        float p = training ? dropout : 0f;
        NDArray fused = causal ? FusedAttention.attendCausal(q, k, v, p) : FusedAttention.attend(q, k, v, null, p);
        if (fused != null) {                                            // (B, H, T, Dh)
            return proj.forward(fused.transpose(0, 2, 1, 3).reshape(b, t, d));
        }
        NDArray att = Scalars.mul(q, 1.0 / Math.sqrt(headDim)).matMul(k.transpose(0, 1, 3, 2)); // (B, H, T, T)
        if (causal) {
            att = att.add(causalMask(x.getManager(), t).toType(x.getDataType(), false));
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
     * One decoding step with a key/value cache (inference only), in as few operations as the step
     * allows: its arrays are a few kilobytes, so each operation's fixed cost, not its arithmetic,
     * sets the time. q, k and v are views of the projection, k written as a column (the cache's
     * layout), and the products read the cache's filled part in place.
     *
     * <p>The step does not use {@link FusedAttention}, measured slower here: a single query row
     * leaves the kernel nothing to block, so it saves no memory traffic, while its call (a
     * TorchScript invocation packing six inputs) costs more than the few operations it replaces;
     * and the keys, stored as columns, reach it as a strided view that sends it to its generic
     * path (a row-major copy of them would cost a copy of the prefix per step).
     *
     * @param x     (B, D) the newest position of each sequence
     * @param cache holds the keys and values of the earlier positions; this one is written into it
     * @return (B, D)
     */
    public NDArray forwardCached(NDArray x, KvCache.Layer cache) {
        long b = x.getShape().get(0), d = x.getShape().get(1);
        NDArray h = qkv.forwardRows(x);                                              // (B, 3D)
        NDArray q = Slices.narrow(h, 1, 0, d).reshape(b, numHeads, 1, headDim);       // (B, H, 1, Dh)
        NDArray k = Slices.narrow(h, 1, d, 2 * d).reshape(b, numHeads, headDim, 1);   // (B, H, Dh, 1)
        NDArray v = Slices.narrow(h, 1, 2 * d, 3 * d).reshape(b, numHeads, 1, headDim);
        cache.appendColumn(k, v);
        // The views belong to the cache's manager: closing them here keeps memory flat over a sequence.
        try (NDArray kt = cache.keysT(); NDArray vs = cache.values()) {              // (B, H, Dh, t+1), (B, H, t+1, Dh)
            NDArray att = inFloat32(q.mul(like(scale(), q)).matMul(kt), a -> a.softmax(-1)); // (B, H, 1, t+1)
            return proj.forwardRows(att.matMul(vs).reshape(b, d));
        }
    }

    /**
     * Additive (T, T) float32 mask for the unfused paths: 0 on and below the diagonal, -1e9 above
     * (no -inf: no NaN from rows with nothing to see).
     */
    public static NDArray causalMask(NDManager m, long t) {
        float[] mask = lastMask;
        if (mask == null || mask.length != t * t) {     // every layer of every pass asks for the same one
            mask = new float[(int) (t * t)];
            for (int i = 0; i < t; i++) {
                for (int j = i + 1; j < t; j++) {
                    mask[(int) (i * t + j)] = -1e9f;
                }
            }
            lastMask = mask;
        }
        return m.create(mask, new ai.djl.ndarray.types.Shape(t, t));
    }

    private static volatile float[] lastMask;   // the last causal mask made, never written after

    private NDArray scale;   // 1 / sqrt(Dh), a 0-d float32 array in the weights' manager

    private NDArray scale() {
        if (scale == null) {
            scale = proj.weight().getManager().full(new ai.djl.ndarray.types.Shape(), (float) (1.0 / Math.sqrt(headDim)));
        }
        return scale;
    }
}
