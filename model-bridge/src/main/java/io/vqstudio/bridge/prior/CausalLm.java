package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.KvCache;

/**
 * A decoder-only transformer over one class token followed by the image tokens in raster order:
 * what autoregressive sampling, causal likelihood maps and region resampling need from a model,
 * whichever family it is ({@link CausalPrior}). Output position p predicts image token p.
 * Inference only.
 */
public interface CausalLm {

    /**
     * Teacher-forced logits, causal over the whole sequence.
     *
     * @param classIds (B) int64
     * @param tokens   (B, T) int64 image tokens of cells 0..T-1
     * @return (B, 1 + T, V) float32, V = {@link #vocabSize()}
     */
    NDArray causalLogits(NDArray classIds, NDArray tokens);

    /**
     * One cached decoding step: the input at sequence position {@code pos} (0: the class ids; p >= 1:
     * the image token of cell p - 1), appended to {@code cache}.
     *
     * @param ids (B) int64
     * @return (B, V) float32 logits for image token {@code pos}
     */
    NDArray step(NDArray ids, int pos, KvCache cache);

    /** A cache for every position of one sequence, at any batch size, owned by {@code m}. */
    KvCache newCache(NDManager m);

    /**
     * Entries of a logit row: the codebook size, or more where the model's vocabulary also holds
     * class ids (taming's shared table); entries past the codebook are never drawn.
     */
    int vocabSize();
}
