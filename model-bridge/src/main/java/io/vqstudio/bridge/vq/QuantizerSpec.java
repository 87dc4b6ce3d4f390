package io.vqstudio.bridge.vq;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CODES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_WIDTH;
import static io.vqstudio.bridge.io.SpecLimits.range;

/**
 * ViT-VQGAN's codebook (Sec. 3.2): {@code codebookSize} codes looked up in a low
 * {@code lookupDim}, l2-normalised on both sides, with the commitment weight {@code beta}.
 * {@code lookupDim == width} turns factorisation off; {@code l2 == false} turns normalisation off
 * (the paper's Table 4 ablation). {@code initFromData} starts the codes at encoder outputs of the
 * first training batch instead of the paper's normal draw (see {@link VectorQuantizer#initFromData});
 * {@code restartEvery} > 0 moves codes unused for that many training steps onto current encoder
 * outputs (see {@link VectorQuantizer#restart}); 0 keeps dead codes dead, as in the paper.
 */
public record QuantizerSpec(int codebookSize, int lookupDim, boolean l2, float beta, boolean initFromData,
                            int restartEvery) {

    public QuantizerSpec(int codebookSize, int lookupDim, boolean l2, float beta, boolean initFromData) {
        this(codebookSize, lookupDim, l2, beta, initFromData, 0);
    }

    public QuantizerSpec {
        range("codebookSize", codebookSize, 2, MAX_CODES); // codes are stored as uint16
        range("lookupDim", lookupDim, 1, MAX_WIDTH);
        range("beta", beta, 0f, Float.MAX_VALUE);
        range("restartEvery", restartEvery, 0, Integer.MAX_VALUE);
    }

    /** Weights of the codebook (codebookSize, lookupDim), without the projections around it. */
    public long parameters() {
        return (long) codebookSize * lookupDim;
    }

    /** The paper's default: 8192 codes, lookup dimension 32, l2 codes, beta 0.25. */
    public static QuantizerSpec defaults() {
        return new QuantizerSpec(8192, 32, true, 0.25f, true, 200);
    }

    public QuantizerSpec withCodebookSize(int k) {
        return new QuantizerSpec(k, lookupDim, l2, beta, initFromData, restartEvery);
    }

    public QuantizerSpec withLookupDim(int dim) {
        return new QuantizerSpec(codebookSize, dim, l2, beta, initFromData, restartEvery);
    }

    public QuantizerSpec withInitFromData(boolean on) {
        return new QuantizerSpec(codebookSize, lookupDim, l2, beta, on, restartEvery);
    }

    public QuantizerSpec withRestartEvery(int steps) {
        return new QuantizerSpec(codebookSize, lookupDim, l2, beta, initFromData, steps);
    }

    public QuantizerSpec withBeta(float b) {
        return new QuantizerSpec(codebookSize, lookupDim, l2, b, initFromData, restartEvery);
    }

    public QuantizerSpec withL2(boolean on) {
        return new QuantizerSpec(codebookSize, lookupDim, on, beta, initFromData, restartEvery);
    }
}
