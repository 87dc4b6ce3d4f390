package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.StepPhases;

/**
 * One pre-norm LlamaGen block: h = x + attention(attention_norm(x)); out = h + feed_forward(ffn_norm(h)).
 * (B, T, D) -> (B, T, D); dropout and drop-path are training-only and absent here.
 */
final class GptBlock extends Module {

    private final GptAttention attention;
    private final FeedForward feedForward;
    private final RmsNorm attentionNorm;
    private final RmsNorm ffnNorm;

    GptBlock(NDManager m, LlamaGptSpec spec) {
        this.attention = child("attention", new GptAttention(m, spec));
        this.feedForward = child("feed_forward", new FeedForward(m, spec.dim(), spec.ffnHidden()));
        this.attentionNorm = child("attention_norm", new RmsNorm(m, spec.dim(), spec.normEps()));
        this.ffnNorm = child("ffn_norm", new RmsNorm(m, spec.dim(), spec.normEps()));
    }

    /** See {@link GptAttention#forward} for the arguments. */
    NDArray forward(NDArray x, NDArray[] rope) {
        NDArray h = x.add(attention.forward(attentionNorm.forward(x), rope));
        return h.add(feedForward.forward(ffnNorm.forward(h)));
    }

    /** One cached decoding step, (B, D) -> (B, D); see {@link GptAttention#forwardCached}. */
    NDArray forwardCached(NDArray x, NDArray rot, KvCache.Layer cache) {
        // RMSNorm is element-wise, so its output keeps the residual's layout (a transposed view after the
        // first weight-wide product): copied into rows, the projections read it fast.
        NDArray h = attention.forwardCached(Linear.rows(attentionNorm.forward(x)), rot, cache).addi(x); // x + attention
        StepPhases.lap(StepPhases.Phase.ATTENTION);
        NDArray out = feedForward.forwardRows(Linear.rows(ffnNorm.forward(h))).addi(h);
        StepPhases.lap(StepPhases.Phase.MLP);
        return out;
    }
}
