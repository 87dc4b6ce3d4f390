package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * MaskGIT (Chang et al., CVPR 2022): a bidirectional transformer trained to predict masked tokens,
 * the masking ratio drawn from a cosine schedule, r = cos(pi/2 u), u ~ U(0, 1). Decoding is
 * iterative and parallel: at step s of S every hidden cell is predicted, and all but
 * floor(N cos(pi/2 s/S)) of the most confident predictions are kept (confidence = the sampled
 * code's log-probability plus Gumbel noise annealed by MaskGIT's choice temperature 4.5 (1 - s/S));
 * the rest are hidden again. Inpainting is the same loop started from the known cells.
 */
public final class MaskGitPrior extends TransformerPrior {

    /** MaskGIT's default randomness of the keep/re-mask choice. */
    static final double CHOICE_TEMPERATURE = 4.5;

    public MaskGitPrior(PriorTransformer net) {
        super(net);
    }

    private int maskId() {
        return spec().codebookSize();
    }

    @Override
    public NDArray loss(NDArray tokens, NDArray classIds, boolean training, Random rnd) {
        int b = (int) tokens.getShape().get(0), n = spec().tokens(), k = spec().codebookSize();
        long[] t = tokens.toLongArray();
        long[] input = t.clone();
        float[] weight = new float[b * n];
        for (int i = 0; i < b; i++) {
            double r = Math.cos(Math.PI / 2 * rnd.nextDouble());
            int hide = Math.max(1, (int) Math.ceil(r * n));
            for (int cell : firstOfPermutation(n, hide, rnd)) {
                input[i * n + cell] = maskId();
                weight[i * n + cell] = 1f;
            }
        }
        NDManager sm = tokens.getManager();
        NDArray logits = net.forward(sm.create(input, new Shape(b, n)), classIds, false, training)
                .get(":, 1:");                                           // (B, n, K)
        NDArray nll = logits.logSoftmax(-1).reshape(-1, k).gather(tokens.reshape(-1, 1), 1).neg().reshape(-1); // (B n)
        NDArray w = sm.create(weight);
        return nll.mul(w).sum().div(w.sum());                             // mean over the hidden cells
    }

    @Override
    public Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s, PartialListener listener) {
        int n = spec().tokens();
        Rows r = rows(grid, classId, count, s);
        int[][] out = r.grids();
        int hidden0 = (int) Arrays.stream(grid).filter(c -> c < 0).count();
        Random rnd = new Random(s.seed());
        try (NoGrad noGrad = NoGrad.enter()) {
            for (int step = 1; step <= s.steps() && hidden0 > 0; step++) {
                float[] l;
                try (NDManager sm = m.newSubManager()) {
                    long[] input = new long[r.size() * n];
                    for (int i = 0; i < r.size(); i++) {
                        int[] g = out[i % count];
                        for (int c = 0; c < n; c++) {
                            input[i * n + c] = g[c] < 0 ? maskId() : g[c];
                        }
                    }
                    l = net.forward(sm.create(input, new Shape(r.size(), n)), sm.create(r.classes()), false, false)
                            .get(":, 1:").toFloatArray();                // (rows, n, K)
                }
                int keepHidden = step == s.steps() ? 0 : (int) Math.floor(hidden0 * Math.cos(Math.PI / 2 * step / s.steps()));
                double anneal = CHOICE_TEMPERATURE * (1 - (double) step / s.steps());
                for (int i = 0; i < count; i++) {
                    fillStep(out[i], l, i, count, r.cfg(), s, rnd, keepHidden, anneal, r.logLik());
                }
                listener.partial(out, hidden0 - keepHidden, hidden0);
            }
        }
        return new Generated(out, r.logLik());
    }

    /** Predicts every hidden cell of one candidate, then hides again the {@code keepHidden} least confident. */
    private void fillStep(int[] g, float[] l, int i, int count, boolean cfg, SamplingSpec s, Random rnd,
                          int keepHidden, double anneal, double[] logLik) {
        int n = spec().tokens(), k = spec().codebookSize();
        int[] hiddenCells = IntStream.range(0, n).filter(c -> g[c] < 0).toArray();
        double[] confidence = new double[hiddenCells.length];
        double[] lp = new double[hiddenCells.length];
        int[] code = new int[hiddenCells.length];
        for (int j = 0; j < hiddenCells.length; j++) {
            int off = (i * n + hiddenCells[j]) * k;
            if (cfg) {
                guide(l, off, ((count + i) * n + hiddenCells[j]) * k, k, s.cfgScale());
            }
            code[j] = Sampler.sample(l, off, k, s, rnd);
            lp[j] = Sampler.logProb(l, off, k, code[j]);
            double u = Math.max(1e-20, rnd.nextDouble());
            confidence[j] = lp[j] + anneal * -Math.log(-Math.log(u));
        }
        Integer[] order = new Integer[hiddenCells.length];
        for (int j = 0; j < order.length; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(confidence[b], confidence[a]));
        int commit = hiddenCells.length - Math.min(keepHidden, hiddenCells.length);
        for (int r = 0; r < commit; r++) {
            int j = order[r];
            g[hiddenCells[j]] = code[j];
            logLik[i] += lp[j];
        }
    }

    @Override
    public double[] nllMap(NDManager m, int[] grid, int classId) {
        return maskedAloneNll(m, grid, classId, IntStream.range(0, spec().tokens()).toArray());
    }

    @Override
    public double regionLogLikelihood(NDManager m, int[] grid, boolean[] region, int classId) {
        int[] cells = IntStream.range(0, region.length).filter(c -> region[c]).toArray();
        double[] nll = maskedAloneNll(m, grid, classId, cells);
        return -Arrays.stream(cells).mapToDouble(c -> nll[c]).sum();
    }

    /** The NLL of each of {@code cells} with that cell alone masked, one sequence per cell; others 0. */
    private double[] maskedAloneNll(NDManager m, int[] grid, int classId, int[] cells) {
        int n = spec().tokens(), k = spec().codebookSize();
        double[] nll = new double[n];
        int chunk = 64;
        try (NoGrad noGrad = NoGrad.enter()) {
            for (int start = 0; start < cells.length; start += chunk) {
                int rows = Math.min(chunk, cells.length - start);
                try (NDManager sm = m.newSubManager()) {
                    long[] input = new long[rows * n];
                    long[] position = new long[rows];
                    for (int r = 0; r < rows; r++) {
                        int hidden = cells[start + r];
                        for (int c = 0; c < n; c++) {
                            input[r * n + c] = c == hidden ? maskId() : grid[c];
                        }
                        position[r] = 1 + hidden;
                    }
                    long[] cls = new long[rows];
                    Arrays.fill(cls, classOrNone(classId));
                    float[] logits = net.forwardAt(sm.create(input, new Shape(rows, n)), sm.create(cls),
                            sm.create(position)).toFloatArray();             // (rows, K)
                    for (int r = 0; r < rows; r++) {
                        int hidden = cells[start + r];
                        nll[hidden] = -Sampler.logProb(logits, r * k, k, grid[hidden]);
                    }
                }
            }
        }
        return nll;
    }

    private static int[] firstOfPermutation(int n, int take, Random rnd) {
        int[] p = IntStream.range(0, n).toArray();
        for (int i = 0; i < take; i++) {
            int j = i + rnd.nextInt(n - i);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return Arrays.copyOf(p, take);
    }
}
