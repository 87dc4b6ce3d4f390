package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.Arrays;
import java.util.Random;

/**
 * The paper's VIM prior: decoder-only, raster order. Sampling runs one position at a time through
 * a key/value cache, so each new token costs one position, not the whole prefix.
 *
 * <p>Region resampling is approximate, as the docs say: cells are resampled in raster order given
 * everything before them (original cells and cells already resampled); cells after a resampled
 * one cannot influence it in a causal model, so they only enter through the ranking, which scores
 * each candidate's whole grid under the prior. Resampling every cell from a raster position to
 * the end (a suffix) is exact.
 */
public final class ArPrior extends Prior {

    public ArPrior(PriorTransformer net) {
        super(net);
    }

    /** tokens (B, n): input cells 0..n-2 after the class token, targets cells 0..n-1. */
    @Override
    public NDArray loss(NDArray tokens, NDArray classIds, boolean training, Random rnd) {
        int n = spec().tokens(), k = spec().codebookSize();
        NDArray logits = net.forward(tokens.get(":, 0:" + (n - 1)), classIds, true, training); // (B, n, K)
        NDArray logp = logits.logSoftmax(-1);
        return logp.reshape(-1, k).gather(tokens.reshape(-1, 1), 1).mean().neg();
    }

    @Override
    public Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s, PartialListener listener) {
        int n = spec().tokens(), k = spec().codebookSize();
        Rows r = rows(grid, classId, count, s);
        int[][] out = r.grids();
        double[] logLik = r.logLik();
        Random rnd = new Random(s.seed());
        try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
            KvCache cache = new KvCache(net.numLayers(), n, sm);
            long[] ids = r.classes().clone();
            float[] l = step(sm, ids, 0, cache);                        // (rows, K): predicts cell 0
            for (int cell = 0; cell < n; cell++) {
                for (int i = 0; i < count; i++) {
                    if (r.cfg()) {
                        guide(l, i * k, (count + i) * k, k, s.cfgScale());
                    }
                    if (grid[cell] < 0) {
                        out[i][cell] = Sampler.sample(l, i * k, k, s, rnd);
                    }
                    logLik[i] += Sampler.logProb(l, i * k, k, out[i][cell]);
                    ids[i] = out[i][cell];
                    if (r.cfg()) {
                        ids[count + i] = out[i][cell];
                    }
                }
                if ((cell + 1) % spec().gridSize() == 0) {
                    listener.partial(out, cell + 1, n);
                }
                if (cell + 1 < n) {
                    l = step(sm, ids, cell + 1, cache);
                }
            }
        }
        return new Generated(out, logLik);
    }

    /** One cached step in its own manager, so that only the cache outlives it: (rows) -> (rows * K) logits. */
    private float[] step(NDManager sm, long[] ids, int pos, KvCache cache) {
        try (NDManager st = sm.newSubManager()) {
            return net.step(st.create(ids), pos, cache).toFloatArray();
        }
    }

    @Override
    public double[] nllMap(NDManager m, int[] grid, int classId) {
        int n = spec().tokens();
        try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
            long[] t = Arrays.stream(grid).asLongStream().toArray();
            NDArray tokens = sm.create(t, new Shape(1, n));
            NDArray logits = net.forward(tokens.get(":, 0:" + (n - 1)), sm.create(new long[] {classOrNone(classId)}),
                    true, false);                                        // (1, n, K)
            float[] lp = logits.logSoftmax(-1).reshape(n, -1).gather(tokens.reshape(n, 1), 1).toFloatArray();
            double[] nll = new double[n];
            for (int i = 0; i < n; i++) {
                nll[i] = -lp[i];
            }
            return nll;
        }
    }

    @Override
    public double regionLogLikelihood(NDManager m, int[] grid, boolean[] region) {
        return -Arrays.stream(nllMap(m, grid, -1)).sum();
    }
}
