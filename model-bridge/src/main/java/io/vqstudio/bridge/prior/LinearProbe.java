package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Linear-probe accuracy of a prior's intermediate features (ViT-VQGAN, Yu et al. 2022, Sec. 4.2
 * "unsupervised learning", where it peaks at the middle layers): the hidden states after block l,
 * averaged over the g*g image-token positions (the class token at position 0 is left out), feed
 * a multinomial logistic regression fitted on the train split and scored on the validation split.
 *
 * <p>Features are taken unconditionally (class input = "no class"), else the label would leak in;
 * the AR prior runs causally over all n cells, MaskGIT bidirectionally with nothing masked.
 * Deviation from the paper: it trains the probe with SGD on ImageNet features; here the regression
 * is fitted full-batch with L-BFGS in double precision on standardised features, L2 1e-4, which
 * needs no learning-rate choice.
 */
public final class LinearProbe {

    static final int BATCH = 64;
    static final double L2 = 1e-4;
    static final int MAX_ITERATIONS = 300;

    /** Accuracies in [0, 1] of the probe on block {@code layer}'s features (1-based). */
    public record LayerResult(int layer, double trainAccuracy, double validationAccuracy) {}

    private LinearProbe() {}

    /**
     * @param layers        1-based block indices; empty for every block
     * @param limitPerSplit use at most this many records of each split (0 or less: all)
     * @param progress      records embedded so far of all used, then one step per fitted layer
     */
    public static List<LayerResult> run(TransformerPrior prior, TokenFile.Data data, List<Integer> layers, int limitPerSplit,
                                        Progress progress) {
        PriorSpec spec = prior.spec();
        int depth = prior.net().numLayers();
        List<Integer> chosen = layers.isEmpty() ? IntStream.rangeClosed(1, depth).boxed().toList() : layers;
        for (int l : chosen) {
            if (l < 1 || l > depth) {
                throw new IllegalArgumentException("layer " + l + " is outside 1.." + depth);
            }
        }
        if (data.header().gridSize() != spec.gridSize() || data.header().codebookSize() > spec.codebookSize()) {
            throw new IllegalArgumentException("the token file's " + data.header().gridSize() + "x"
                    + data.header().gridSize() + " grids of " + data.header().codebookSize()
                    + " codes do not fit this prior");
        }
        int[] train = pick(data, 0, limitPerSplit), val = pick(data, 1, limitPerSplit);
        if (train.length == 0 || val.length == 0) {
            throw new IllegalArgumentException("the linear probe needs records in both splits (train and validation)");
        }
        int classes = Arrays.stream(data.labels()).max().orElse(0) + 1;
        long total = (long) train.length + val.length + chosen.size();
        double[][][] trainX = features(prior, data, train, chosen, 0, total, progress);
        double[][][] valX = features(prior, data, val, chosen, train.length, total, progress);
        int[] trainY = Arrays.stream(train).map(i -> data.labels()[i]).toArray();
        int[] valY = Arrays.stream(val).map(i -> data.labels()[i]).toArray();
        List<LayerResult> out = new ArrayList<>();
        for (int j = 0; j < chosen.size(); j++) {
            double[] acc = fitAndScore(trainX[j], trainY, valX[j], valY, classes);
            out.add(new LayerResult(chosen.get(j), acc[0], acc[1]));
            progress.progress(train.length + val.length + j + 1, total, "grids", null);
        }
        return out;
    }

    /** Record indices of one split, at most {@code limit} of them. */
    private static int[] pick(TokenFile.Data data, int split, int limit) {
        IntStream s = IntStream.range(0, data.size()).filter(i -> data.splits()[i] == split);
        return (limit > 0 ? s.limit(limit) : s).toArray();
    }

    /** [layer][record][d]: mean image-token hidden state after each chosen block. */
    private static double[][][] features(TransformerPrior prior, TokenFile.Data data, int[] records, List<Integer> layers,
                                         long doneBefore, long total, Progress progress) {
        PriorSpec spec = prior.spec();
        int n = data.tokens(), d = spec.width();
        boolean causal = spec.kind() == PriorKind.AR;
        double[][][] out = new double[layers.size()][records.length][];
        try (NoGrad noGrad = NoGrad.enter(); NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            for (int start = 0; start < records.length; start += BATCH) {
                int b = Math.min(BATCH, records.length - start);
                long[] tokens = new long[b * n];
                for (int r = 0; r < b; r++) {
                    int rec = records[start + r];
                    for (int c = 0; c < n; c++) {
                        tokens[r * n + c] = data.codes()[rec * n + c];
                    }
                }
                long[] cls = new long[b];
                Arrays.fill(cls, spec.noClass());
                try (NDManager sm = root.newSubManager()) {
                    List<NDArray> hidden = prior.net().layerOutputs(sm.create(tokens, new Shape(b, n)), sm.create(cls),
                            causal);                                                // per block (B, 1 + n, d)
                    for (int j = 0; j < layers.size(); j++) {
                        float[] f = hidden.get(layers.get(j) - 1).get(":, 1:, :").mean(new int[] {1})
                                .toFloatArray();                                    // (B, d)
                        for (int r = 0; r < b; r++) {
                            double[] row = new double[d];
                            for (int k = 0; k < d; k++) {
                                row[k] = f[r * d + k];
                            }
                            out[j][start + r] = row;
                        }
                    }
                }
                progress.checkCancelled();
                progress.progress(doneBefore + start + b, total, "grids", null);
            }
        }
        return out;
    }

    /**
     * Fits the probe on {@code trainX} (standardised with the train mean and deviation) and scores
     * it on both sets.
     *
     * @return {train accuracy, validation accuracy}, each in [0, 1]
     */
    static double[] fitAndScore(double[][] trainX, int[] trainY, double[][] valX, int[] valY, int classes) {
        int dim = trainX[0].length;
        double[] mean = new double[dim], std = new double[dim];
        for (double[] x : trainX) {
            for (int k = 0; k < dim; k++) {
                mean[k] += x[k] / trainX.length;
            }
        }
        for (double[] x : trainX) {
            for (int k = 0; k < dim; k++) {
                std[k] += (x[k] - mean[k]) * (x[k] - mean[k]) / trainX.length;
            }
        }
        for (int k = 0; k < dim; k++) {
            std[k] = std[k] > 1e-24 ? Math.sqrt(std[k]) : 1; // a constant feature stays at 0
        }
        double[][] tx = standardise(trainX, mean, std), vx = standardise(valX, mean, std);
        SoftmaxObjective objective = new SoftmaxObjective(tx, trainY, classes, L2);
        double[] w = Lbfgs.minimize(objective, new double[classes * (dim + 1)], MAX_ITERATIONS);
        return new double[] {objective.accuracy(w, tx, trainY), objective.accuracy(w, vx, valY)};
    }

    private static double[][] standardise(double[][] x, double[] mean, double[] std) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = new double[mean.length];
            for (int k = 0; k < mean.length; k++) {
                out[i][k] = (x[i][k] - mean[k]) / std[k];
            }
        }
        return out;
    }

    /** Mean cross-entropy of a linear softmax classifier plus (l2 / 2) |W|^2; w is (classes, dim + 1), bias last. */
    private record SoftmaxObjective(double[][] x, int[] y, int classes, double l2) {

        /** The objective at {@code w}; its gradient goes into {@code grad}. */
        double value(double[] w, double[] grad) {
            int dim = x[0].length, stride = dim + 1;
            Arrays.fill(grad, 0);
            double loss = 0;
            double[] p = new double[classes];
            for (int i = 0; i < x.length; i++) {
                logits(w, x[i], p);
                double max = Arrays.stream(p).max().orElse(0), sum = 0;
                for (int c = 0; c < classes; c++) {
                    p[c] = Math.exp(p[c] - max);
                    sum += p[c];
                }
                loss -= Math.log(p[y[i]] / sum);
                for (int c = 0; c < classes; c++) {
                    double g = (p[c] / sum - (c == y[i] ? 1 : 0)) / x.length;
                    for (int k = 0; k < dim; k++) {
                        grad[c * stride + k] += g * x[i][k];
                    }
                    grad[c * stride + dim] += g;
                }
            }
            loss /= x.length;
            for (int c = 0; c < classes; c++) {
                for (int k = 0; k < dim; k++) {
                    double v = w[c * stride + k];
                    loss += 0.5 * l2 * v * v;
                    grad[c * stride + k] += l2 * v;
                }
            }
            return loss;
        }

        double accuracy(double[] w, double[][] xs, int[] ys) {
            double[] p = new double[classes];
            int right = 0;
            for (int i = 0; i < xs.length; i++) {
                logits(w, xs[i], p);
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    best = p[c] > p[best] ? c : best;
                }
                right += best == ys[i] ? 1 : 0;
            }
            return (double) right / xs.length;
        }

        private void logits(double[] w, double[] xi, double[] out) {
            int dim = xi.length, stride = dim + 1;
            for (int c = 0; c < classes; c++) {
                double s = w[c * stride + dim];
                for (int k = 0; k < dim; k++) {
                    s += w[c * stride + k] * xi[k];
                }
                out[c] = s;
            }
        }
    }

    /** L-BFGS (Nocedal and Wright, Alg. 7.4/7.5) with 10 correction pairs and a backtracking Armijo search. */
    private static final class Lbfgs {

        private static final int HISTORY = 10;

        static double[] minimize(SoftmaxObjective f, double[] x0, int maxIterations) {
            int n = x0.length;
            double[] x = x0.clone(), g = new double[n], gNew = new double[n], xNew = new double[n];
            double fx = f.value(x, g);
            ArrayList<double[]> ss = new ArrayList<>(), ys = new ArrayList<>();
            ArrayList<Double> rhos = new ArrayList<>();
            for (int iter = 0; iter < maxIterations && norm(g) > 1e-6; iter++) {
                double[] dir = direction(g, ss, ys, rhos);
                double slope = dot(g, dir);
                if (slope >= 0) { // not a descent direction: restart from steepest descent
                    ss.clear();
                    ys.clear();
                    rhos.clear();
                    dir = direction(g, ss, ys, rhos);
                    slope = dot(g, dir);
                }
                double step = ss.isEmpty() ? Math.min(1, 1 / norm(g)) : 1, fNew;
                int tries = 0;
                while (true) {
                    for (int i = 0; i < n; i++) {
                        xNew[i] = x[i] + step * dir[i];
                    }
                    fNew = f.value(xNew, gNew);
                    if (fNew <= fx + 1e-4 * step * slope || ++tries > 40) {
                        break;
                    }
                    step /= 2;
                }
                double[] s = new double[n], y = new double[n];
                for (int i = 0; i < n; i++) {
                    s[i] = xNew[i] - x[i];
                    y[i] = gNew[i] - g[i];
                }
                double sy = dot(s, y);
                if (sy > 1e-12) {
                    ss.add(s);
                    ys.add(y);
                    rhos.add(1 / sy);
                    if (ss.size() > HISTORY) {
                        ss.remove(0);
                        ys.remove(0);
                        rhos.remove(0);
                    }
                }
                boolean stalled = fx - fNew <= 1e-10 * Math.max(1, Math.abs(fx));
                System.arraycopy(xNew, 0, x, 0, n);
                System.arraycopy(gNew, 0, g, 0, n);
                fx = fNew;
                if (stalled) {
                    break;
                }
            }
            return x;
        }

        /** -H g by the two-loop recursion, H0 scaled by s'y / y'y of the newest pair. */
        private static double[] direction(double[] g, List<double[]> ss, List<double[]> ys, List<Double> rhos) {
            double[] q = g.clone();
            int m = ss.size();
            double[] alpha = new double[m];
            for (int j = m - 1; j >= 0; j--) {
                alpha[j] = rhos.get(j) * dot(ss.get(j), q);
                axpy(-alpha[j], ys.get(j), q);
            }
            double gamma = m == 0 ? 1 : dot(ss.get(m - 1), ys.get(m - 1)) / dot(ys.get(m - 1), ys.get(m - 1));
            for (int i = 0; i < q.length; i++) {
                q[i] *= gamma;
            }
            for (int j = 0; j < m; j++) {
                double beta = rhos.get(j) * dot(ys.get(j), q);
                axpy(alpha[j] - beta, ss.get(j), q);
            }
            for (int i = 0; i < q.length; i++) {
                q[i] = -q[i];
            }
            return q;
        }

        private static double dot(double[] a, double[] b) {
            double s = 0;
            for (int i = 0; i < a.length; i++) {
                s += a[i] * b[i];
            }
            return s;
        }

        private static double norm(double[] a) {
            return Math.sqrt(dot(a, a));
        }

        private static void axpy(double a, double[] x, double[] y) {
            for (int i = 0; i < x.length; i++) {
                y[i] += a * x[i];
            }
        }
    }
}
