package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.SamplingSpec;
import java.util.Random;

/**
 * A stage-2 prior: the shared {@link PriorTransformer} plus how it is trained, sampled and scored.
 * Grids are int[g*g] in raster order; -1 marks a cell to generate. Class -1 means unconditional.
 */
public abstract class Prior {

    protected final PriorTransformer net;

    protected Prior(PriorTransformer net) {
        this.net = net;
    }

    public PriorTransformer net() {
        return net;
    }

    public PriorSpec spec() {
        return net.spec();
    }

    /**
     * The training loss for a batch (mean cross-entropy in nats over the predicted cells).
     *
     * @param tokens   (B, n) int64 codes
     * @param classIds (B) int64, with labels already dropped to noClass where classifier-free
     *                 guidance training asks for it
     * @param rnd      masking randomness (MaskGIT)
     */
    public abstract NDArray loss(NDArray tokens, NDArray classIds, boolean training, Random rnd);

    /**
     * Fills the -1 cells of {@code grid} in {@code count} independent candidates; other cells never
     * change. Reports partial grids as it goes.
     */
    public abstract Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s,
                                       PartialListener listener);

    /** Per-cell negative log-likelihood in nats (AR: causal; MaskGIT: each cell masked alone). */
    public abstract double[] nllMap(NDManager m, int[] grid, int classId);

    /**
     * The score that ranks candidates for a resampled {@code region} of an otherwise fixed grid,
     * unconditional, in nats (higher is more likely). AR: the whole grid's log-likelihood, so the
     * cells after the region, which could not condition it, have their say. MaskGIT: the region's
     * cells, each masked alone given everything else (one pass per cell, so only those cells).
     */
    public abstract double regionLogLikelihood(NDManager m, int[] grid, boolean[] region);

    /** Sampled grids and their log-likelihoods under the prior (nats, higher is more likely). */
    public record Generated(int[][] grids, double[] logLikelihoods) {}

    /** Partial results while generating: {@code grids} with -1 where still empty. */
    @FunctionalInterface
    public interface PartialListener {
        void partial(int[][] grids, int done, int total);

        PartialListener NONE = (g, d, t) -> { };
    }

    /**
     * The rows one generation runs: {@code count} candidates (copies of the grid) and, with
     * classifier-free guidance, their unconditional twins after them; plus the candidates'
     * accumulated log-likelihoods.
     */
    protected record Rows(int count, boolean cfg, long[] classes, int[][] grids, double[] logLik) {

        public int size() {
            return classes.length;
        }
    }

    protected Rows rows(int[] grid, int classId, int count, SamplingSpec s) {
        int cls = classOrNone(classId);
        boolean cfg = cls != spec().noClass() && s.cfgScale() != 1f;
        long[] classes = new long[cfg ? 2 * count : count];
        java.util.Arrays.fill(classes, 0, count, cls);
        java.util.Arrays.fill(classes, count, classes.length, spec().noClass());
        int[][] grids = new int[count][];
        for (int i = 0; i < count; i++) {
            grids[i] = grid.clone();
        }
        return new Rows(count, cfg, classes, grids, new double[count]);
    }

    protected int classOrNone(int classId) {
        if (classId >= spec().numClasses()) {
            throw new IllegalArgumentException("class " + classId + " is outside this prior's " + spec().numClasses()
                    + " classes");
        }
        return classId < 0 ? spec().noClass() : classId;
    }

    /** Classifier-free guidance on one row: uncond + s (cond - uncond), in place into cond. */
    protected static void guide(float[] logits, int condOffset, int uncondOffset, int k, float scale) {
        for (int i = 0; i < k; i++) {
            float u = logits[uncondOffset + i];
            logits[condOffset + i] = u + scale * (logits[condOffset + i] - u);
        }
    }
}
