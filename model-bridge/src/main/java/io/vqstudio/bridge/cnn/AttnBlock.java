package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.FusedAttention;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Reuse;
import io.vqstudio.bridge.nn.Scalars;

/**
 * Taming's non-local block (Wang et al. 2018, as in DDPM): single-head self-attention over all
 * H*W positions of a feature map. GroupNorm, then 1x1 convolutions q, k, v; weights
 * softmax(q^T k / sqrt(C)) over the H*W keys; the attended values pass through a 1x1
 * {@code proj_out} and are added to the input. The attention runs in libtorch's fused kernel
 * ({@link FusedAttention}: one head of width C, whose default scale is this 1/sqrt(C)) when it is
 * available, else in the unfused chain below. (B, C, H, W) -> (B, C, H, W).
 */
public final class AttnBlock extends Module {

    private final GroupNorm norm;
    private final Conv2d q;
    private final Conv2d k;
    private final Conv2d v;
    private final Conv2d projOut;
    private final int channels;

    public AttnBlock(NDManager m, int channels) {
        this.channels = channels;
        this.norm = child("norm", CnnOps.groupNorm(m, channels));
        this.q = child("q", new Conv2d(m, channels, channels, 1, 1, 0, true));
        this.k = child("k", new Conv2d(m, channels, channels, 1, 1, 0, true));
        this.v = child("v", new Conv2d(m, channels, channels, 1, 1, 0, true));
        this.projOut = child("proj_out", new Conv2d(m, channels, channels, 1, 1, 0, true));
    }

    /** (B, C, H, W) -> (B, C, H, W) */
    public NDArray forward(NDArray x) {
        long b = x.getShape().get(0), h = x.getShape().get(2), w = x.getShape().get(3);
        NDArray n = norm.forward(x);
        NDArray qs = q.forward(n).reshape(b, channels, h * w);          // (B, C, N)
        NDArray ks = k.forward(n).reshape(b, channels, h * w);          // (B, C, N)
        NDArray vs = v.forward(n).reshape(b, channels, h * w);          // (B, C, N)
        NDArray fused = FusedAttention.attend(rows(qs), rows(ks), rows(vs), null, 0f); // (B, 1, N, C) or null
        if (fused != null) {
            NDArray y = fused.reshape(b, h * w, channels).transpose(0, 2, 1).reshape(b, channels, h, w);
            return Reuse.add(projOut.forward(y), x);
        }
        NDArray att = inFloat32(Scalars.mul(qs.transpose(0, 2, 1).matMul(ks), // (B, N queries, N keys)
                1.0 / Math.sqrt(channels)), a -> a.softmax(2));        // float32 softmax under float16
        NDArray y = vs.matMul(att.transpose(0, 2, 1))                   // (B, C, N queries)
                .reshape(b, channels, h, w);
        return Reuse.add(projOut.forward(y), x);
    }

    /**
     * (B, C, N) -> (B, 1, N, C): one head whose N positions are rows of C values, in a fresh
     * row-major array. The kernel's blocked path needs each row contiguous; a transposed view
     * would send it to its generic path, which writes the (N, N) weights out like the unfused chain.
     */
    private static NDArray rows(NDArray x) {
        long b = x.getShape().get(0), c = x.getShape().get(1), n = x.getShape().get(2);
        return x.transpose(0, 2, 1).reshape(-1).reshape(b, 1, n, c);  // reshape(-1) copies a transposed view
    }
}
