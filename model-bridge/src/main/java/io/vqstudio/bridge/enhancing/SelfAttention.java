package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.FusedAttention;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Reuse;

/**
 * Multi-head self-attention as enhancing-transformers (after lucidrains' vit-pytorch) writes it:
 * {@code to_qkv} (dim -> 3 * heads * dimHead, no bias) chunked q | k | v with heads split
 * head-major ("(h d)"), softmax(q k^T * dimHead^-0.5) v, then {@code to_out} (heads * dimHead -> dim,
 * with bias), which the reference leaves out when heads = 1 and dimHead = dim. The scale is applied
 * after the product, as there, in the unfused chain; libtorch's fused kernel ({@link FusedAttention}),
 * used when it is available, applies the same scale inside (equal up to float rounding).
 * (B, T, dim) -> (B, T, dim).
 */
final class SelfAttention extends Module {

    private final Linear toQkv;
    private final Linear toOut;
    private final int heads;
    private final int dimHead;

    SelfAttention(NDManager m, EnhancingVitvqSpec.Stack s) {
        this.heads = s.heads();
        this.dimHead = s.dimHead();
        this.toQkv = child("to_qkv", new Linear(m, s.dim(), 3 * s.inner(), false, 0.02f));
        this.toOut = s.projectsOut() ? child("to_out", new Linear(m, s.inner(), s.dim())) : null;
    }

    NDArray forward(NDArray x) {
        long b = x.getShape().get(0), t = x.getShape().get(1);
        NDArray qkv = toQkv.forward(x)                                    // (B, T, 3 * h * dh)
                .reshape(b, t, 3, heads, dimHead)
                .transpose(2, 0, 3, 1, 4);                                // (3, B, h, T, dh)
        NDArray q = qkv.get(0), k = qkv.get(1), v = qkv.get(2);           // (B, h, T, dh)
        NDArray y = FusedAttention.attend(q, k, v, null, 0f);             // (B, h, T, dh) or null
        if (y == null) {
            NDArray att = Reuse.scale(q.matMul(k.transpose(0, 1, 3, 2)), 1.0 / Math.sqrt(dimHead)) // (B, h, T, T)
                    .softmax(-1);
            y = att.matMul(v);                                            // (B, h, T, dh)
        }
        y = y.transpose(0, 2, 1, 3)
                .reshape(b, t, (long) heads * dimHead);                   // (B, T, h * dh)
        return toOut == null ? y : toOut.forward(y);                      // (B, T, dim)
    }
}
