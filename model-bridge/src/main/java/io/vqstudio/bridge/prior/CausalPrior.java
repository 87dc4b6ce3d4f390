package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.nn.StepPhases;
import java.util.Arrays;
import java.util.Random;

/**
 * Autoregressive sampling and scoring over any {@link CausalLm}: one position at a time through a
 * key/value cache, so each new token costs one position, not the whole prefix. With classifier-free
 * guidance the candidates and their unconditional twins run as one batch, and each row's logits
 * become uncond + s (cond - uncond) before the draw (LlamaGen's and the paper's formula).
 *
 * <p>Region resampling is approximate, as the docs say: cells are resampled in raster order given
 * everything before them (original cells and cells already resampled); cells after a resampled
 * one cannot influence it in a causal model, so they only enter through the ranking, which scores
 * each candidate's whole grid under the prior. Resampling every cell from a raster position to
 * the end (a suffix) is exact.
 */
public final class CausalPrior extends Prior {

    private final CausalLm lm;
    private final Module network;

    public <M extends Module & CausalLm> CausalPrior(M lm, PriorShape shape) {
        super(shape);
        if (lm.vocabSize() < shape.codebookSize()) {
            throw new IllegalArgumentException("a vocabulary of " + lm.vocabSize() + " cannot hold " + shape.codebookSize()
                    + " codes");
        }
        this.lm = lm;
        this.network = lm;
    }

    public CausalLm lm() {
        return lm;
    }

    @Override
    public Module network() {
        return network;
    }

    @Override
    public Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s, PartialListener listener) {
        int n = shape().tokens(), k = shape().codebookSize(), v = lm.vocabSize();
        Rows r = rows(grid, classId, count, s);
        int[][] out = r.grids();
        double[] logLik = r.logLik();
        Random rnd = new Random(s.seed());
        Sampler.Draws draws = new Sampler.Draws();
        try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
            KvCache cache = lm.newCache(sm);
            long[] ids = r.classes().clone();
            float[] l = step(sm, ids, 0, cache);                        // (rows * V): predicts cell 0
            for (int cell = 0; cell < n; cell++) {
                for (int i = 0; i < count; i++) {
                    if (r.cfg()) {
                        guide(l, i * v, (count + i) * v, k, s.cfgScale());
                    }
                    if (grid[cell] < 0) {
                        out[i][cell] = draws.sample(l, i * v, k, s, rnd);
                        logLik[i] += draws.logProb();
                    } else {
                        logLik[i] += Sampler.logProb(l, i * v, k, out[i][cell]);
                    }
                    ids[i] = out[i][cell];
                    if (r.cfg()) {
                        ids[count + i] = out[i][cell];
                    }
                }
                if ((cell + 1) % shape().gridSize() == 0) {
                    listener.partial(out, cell + 1, n);
                }
                StepPhases.lap(StepPhases.Phase.SAMPLING);
                if (cell + 1 < n) {
                    l = step(sm, ids, cell + 1, cache);
                }
            }
        }
        return new Generated(out, logLik);
    }

    /** One cached step in its own manager, so that only the cache outlives it: (rows) -> (rows * V) logits. */
    private float[] step(NDManager sm, long[] ids, int pos, KvCache cache) {
        float[] logits;
        try (NDManager st = sm.newSubManager()) {
            logits = lm.step(st.create(ids), pos, cache).toFloatArray();
            StepPhases.lap(StepPhases.Phase.HEAD);                         // the output layer and reading its logits
        }
        StepPhases.lap(StepPhases.Phase.RELEASE);
        return logits;
    }

    @Override
    public double[] nllMap(NDManager m, int[] grid, int classId) {
        int n = shape().tokens(), k = shape().codebookSize(), v = lm.vocabSize();
        try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
            long[] t = Arrays.stream(grid).asLongStream().toArray();
            NDArray logits = lm.causalLogits(sm.create(new long[] {classOrNone(classId)}),
                    sm.create(Arrays.copyOf(t, n - 1), new Shape(1, n - 1)));          // (1, n, V)
            float[] l = logits.toFloatArray();
            double[] nll = new double[n];
            for (int i = 0; i < n; i++) {
                nll[i] = -Sampler.logProb(l, i * v, k, grid[i]);
            }
            return nll;
        }
    }

    @Override
    public double regionLogLikelihood(NDManager m, int[] grid, boolean[] region, int classId) {
        return -Arrays.stream(nllMap(m, grid, classId)).sum();
    }
}
