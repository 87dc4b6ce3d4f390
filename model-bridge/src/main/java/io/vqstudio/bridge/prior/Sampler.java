package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.core.SamplingSpec;
import java.util.Arrays;
import java.util.Random;

/**
 * Draws one code from a row of logits: temperature, then top-k, then top-p (nucleus: the smallest
 * set of most likely codes whose probability reaches p), then a draw by inverse CDF from a seeded
 * generator. Plain Java on a float[] row: exact, testable, the same on every machine.
 */
public final class Sampler {

    private Sampler() {}

    /** The distribution a draw uses, after temperature, top-k and top-p (zeros outside the kept set). */
    public static double[] distribution(float[] logits, int offset, int k, SamplingSpec s) {
        double[] p = new double[k];
        softmaxInto(logits, offset, k, s.temperature(), p, maxOf(logits, offset, k));
        if (s.topK() > 0 && s.topK() < k) {
            double kth = kthLargest(p, s.topK());
            int tiesKept = s.topK() - countAbove(p, kth); // codes equal to the k-th: lowest ids first
            for (int i = 0; i < k; i++) {
                if (p[i] < kth || (p[i] == kth && tiesKept-- <= 0)) {
                    p[i] = 0;
                }
            }
        }
        if (s.topP() < 1f) {
            Integer[] order = new Integer[k];
            for (int i = 0; i < k; i++) {
                order[i] = i;
            }
            double[] q = p;
            Arrays.sort(order, (a, b) -> Double.compare(q[b], q[a]));
            double total = Arrays.stream(p).sum(), mass = 0;
            int keep = 0;
            while (keep < k && mass < s.topP() * total) {
                mass += p[order[keep++]];
            }
            for (int j = keep; j < k; j++) {
                p[order[j]] = 0;
            }
        }
        double sum = Arrays.stream(p).sum();
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** One draw from {@link #distribution}. */
    public static int sample(float[] logits, int offset, int k, SamplingSpec s, Random rnd) {
        return draw(distribution(logits, offset, k, s), 1, k, rnd);
    }

    /** The first code whose cumulative probability (each p[i] / norm, zeros skipped) passes a uniform draw. */
    private static int draw(double[] p, double norm, int k, Random rnd) {
        double u = rnd.nextDouble(), c = 0;
        int last = 0;
        for (int i = 0; i < k; i++) {
            double q = p[i] / norm;
            if (q > 0) {
                c += q;
                last = i;
                if (u < c) {
                    return i;
                }
            }
        }
        return last; // rounding: u beyond the accumulated mass
    }

    /**
     * Draws of a sampling loop, code by code, with the model's log-probability of each drawn code:
     * the same codes as {@link Sampler#sample} and the same values as {@link Sampler#logProb}, bit for
     * bit, with one buffer for every row and, without top-k or top-p, one pass of exponentials for
     * both (a row of thousands of codes is then read three times, not seven, and nothing is sorted).
     */
    public static final class Draws {

        private double[] p = new double[0];
        private double logProb;

        /** One draw from row {@code offset..offset+k-1}; its log-probability is then {@link #logProb()}. */
        public int sample(float[] logits, int offset, int k, SamplingSpec s, Random rnd) {
            if ((s.topK() > 0 && s.topK() < k) || s.topP() < 1f) {
                int code = Sampler.sample(logits, offset, k, s, rnd);
                logProb = Sampler.logProb(logits, offset, k, code);
                return code;
            }
            if (p.length < k) {
                p = new double[k];
            }
            double max = maxOf(logits, offset, k);
            double sum = softmaxInto(logits, offset, k, s.temperature(), p, max);
            double norm = Arrays.stream(p, 0, k).sum();       // distribution()'s second normalisation
            int code = draw(p, norm, k, rnd);
            // At temperature 1 the exponentials and their sum are logProb's own: the same value without a pass.
            logProb = s.temperature() == 1f ? logits[offset + code] - max - Math.log(sum) : Sampler.logProb(logits, offset, k, code);
            return code;
        }

        /** log softmax(logits)[code] at temperature 1 of the last drawn code. */
        public double logProb() {
            return logProb;
        }
    }

    /** log softmax(logits)[code] at temperature 1: the model's own log-probability. */
    public static double logProb(float[] logits, int offset, int k, int code) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        double sum = 0;
        for (int i = 0; i < k; i++) {
            sum += Math.exp(logits[offset + i] - max);
        }
        return logits[offset + code] - max - Math.log(sum);
    }

    /**
     * Softmax of logits / temperature, as (logit - max) / temperature so that a tiny temperature
     * tends to argmax instead of overflowing. NaN or +inf logits (a diverged model, or guidance pushed
     * past float range) are refused, as is a row with no finite logit: drawn from, they would give
     * code 0 every time. A -inf logit is a code that cannot be drawn.
     */
    static double[] softmax(float[] logits, int offset, int k, float temperature) {
        double[] p = new double[k];
        softmaxInto(logits, offset, k, temperature, p, maxOf(logits, offset, k));
        return p;
    }

    /** The largest logit of the row, refusing NaN, +inf and a row with no finite logit. */
    private static double maxOf(float[] logits, int offset, int k) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < k; i++) {
            float v = logits[offset + i];
            if (Float.isNaN(v) || v == Float.POSITIVE_INFINITY) {
                throw new IllegalStateException("The prior gave a logit of " + v + " for code " + i
                        + ": the model may have diverged, or the guidance scale is too large");
            }
            max = Math.max(max, v);
        }
        if (max == Double.NEGATIVE_INFINITY) {
            throw new IllegalStateException("The prior gave no finite logit: every code was ruled out");
        }
        return max;
    }

    /** {@link #softmax} into p[0..k-1], given the row's max; returns the sum of the exponentials. */
    private static double softmaxInto(float[] logits, int offset, int k, float temperature, double[] p, double max) {
        double sum = 0;
        for (int i = 0; i < k; i++) {
            p[i] = Math.exp((logits[offset + i] - max) / temperature);
            sum += p[i];
        }
        for (int i = 0; i < k; i++) {
            p[i] /= sum;
        }
        return sum;
    }

    private static double kthLargest(double[] p, int k) {
        double[] s = p.clone();
        Arrays.sort(s);
        return s[s.length - k];
    }

    private static int countAbove(double[] p, double t) {
        int n = 0;
        for (double v : p) {
            if (v > t) {
                n++;
            }
        }
        return n;
    }
}
