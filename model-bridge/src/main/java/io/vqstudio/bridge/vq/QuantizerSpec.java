package io.vqstudio.bridge.vq;

/**
 * ViT-VQGAN's codebook (Sec. 3.2): {@code codebookSize} codes looked up in a low
 * {@code lookupDim}, l2-normalised on both sides, with the commitment weight {@code beta}.
 * {@code lookupDim == width} turns factorisation off; {@code l2 == false} turns normalisation off
 * (the paper's Table 4 ablation). {@code initFromData} starts the codes at encoder outputs of the
 * first training batch instead of the paper's normal draw (see {@link VectorQuantizer#initFromData}).
 */
public record QuantizerSpec(int codebookSize, int lookupDim, boolean l2, float beta, boolean initFromData) {

    public QuantizerSpec {
        if (codebookSize < 2 || codebookSize > 65536) {
            throw new IllegalArgumentException("codebook size must be 2..65536 (codes are stored as uint16), got " + codebookSize);
        }
        if (lookupDim < 1) {
            throw new IllegalArgumentException("lookup dimension must be positive, got " + lookupDim);
        }
    }

    /** The paper's default: 8192 codes, lookup dimension 32, l2 codes, beta 0.25. */
    public static QuantizerSpec defaults() {
        return new QuantizerSpec(8192, 32, true, 0.25f, true);
    }

    public QuantizerSpec withCodebookSize(int k) {
        return new QuantizerSpec(k, lookupDim, l2, beta, initFromData);
    }

    public QuantizerSpec withLookupDim(int dim) {
        return new QuantizerSpec(codebookSize, dim, l2, beta, initFromData);
    }

    public QuantizerSpec withInitFromData(boolean on) {
        return new QuantizerSpec(codebookSize, lookupDim, l2, beta, on);
    }

    public QuantizerSpec withL2(boolean on) {
        return new QuantizerSpec(codebookSize, lookupDim, on, beta, initFromData);
    }
}
