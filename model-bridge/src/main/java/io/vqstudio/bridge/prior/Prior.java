package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.Module;

/**
 * A stage-2 prior of any family: how it is sampled and scored. Grids are int[g*g] in raster order;
 * -1 marks a cell to generate. Class -1 means unconditional. Our trainable priors are
 * {@link TransformerPrior}s; priors of other projects are {@link CausalPrior}s over their networks.
 */
public abstract class Prior {

    private final PriorShape shape;

    protected Prior(PriorShape shape) {
        this.shape = shape;
    }

    /** Grid side, codes, classes and kind. */
    public PriorShape shape() {
        return shape;
    }

    /** The network whose parameters are this prior's weights (saved and loaded by name). */
    public abstract Module network();

    public final long parameterCount() {
        return network().parameterCount();
    }

    /**
     * Fills the -1 cells of {@code grid} in {@code count} independent candidates; other cells never
     * change. Reports partial grids as it goes.
     */
    public abstract Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s,
                                       PartialListener listener);

    /** Per-cell negative log-likelihood in nats (AR: causal; MaskGIT: each cell masked alone). */
    public abstract double[] nllMap(NDManager m, int[] grid, int classId);

    /**
     * The score that ranks candidates for a resampled {@code region} of an otherwise fixed grid, in
     * nats (higher is more likely), for class {@code classId} (-1: unconditional). AR: the whole
     * grid's log-likelihood, so the cells after the region, which could not condition it, have
     * their say. MaskGIT: the region's cells, each masked alone given everything else (one pass per
     * cell, so only those cells).
     */
    public abstract double regionLogLikelihood(NDManager m, int[] grid, boolean[] region, int classId);

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
        boolean cfg = cls != shape.noClass() && s.cfgScale() != 1f;
        if (cfg && !shape.nullClass()) {
            throw new IllegalArgumentException("This prior was trained without a \"no class\" token, so it cannot be"
                    + " guided: set the guidance scale to 1");
        }
        long[] classes = new long[cfg ? 2 * count : count];
        java.util.Arrays.fill(classes, 0, count, cls);
        java.util.Arrays.fill(classes, count, classes.length, shape.noClass());
        int[][] grids = new int[count][];
        for (int i = 0; i < count; i++) {
            grids[i] = grid.clone();
        }
        return new Rows(count, cfg, classes, grids, new double[count]);
    }

    /** The class id a row runs with: {@code classId}, or the null class for -1. */
    protected int classOrNone(int classId) {
        if (classId >= shape.numClasses()) {
            throw new IllegalArgumentException("class " + classId + " is outside this prior's " + shape.numClasses()
                    + " classes");
        }
        if (classId < 0 && !shape.nullClass()) {
            throw new IllegalArgumentException("This prior is class-conditional only (it has no \"no class\" token):"
                    + " choose a class");
        }
        return classId < 0 ? shape.noClass() : classId;
    }

    /** Classifier-free guidance on one row: uncond + s (cond - uncond), in place into cond. */
    protected static void guide(float[] logits, int condOffset, int uncondOffset, int k, float scale) {
        for (int i = 0; i < k; i++) {
            float u = logits[uncondOffset + i];
            logits[condOffset + i] = u + scale * (logits[condOffset + i] - u);
        }
    }
}
