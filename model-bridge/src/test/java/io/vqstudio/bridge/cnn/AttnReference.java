package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * Taming's AttnBlock written as plain loops in double precision, from the block's parameters:
 * an independent check of the reshapes and transposes in {@link AttnBlock}.
 */
final class AttnReference {

    private AttnReference() {}

    /** x (B, C, N) flattened; returns x + proj_out(attend(q, k, v)) flattened the same way. */
    static double[] forward(float[] x, int b, int c, int n, int groups, Map<String, NDArray> p) {
        double[] out = new double[b * c * n];
        for (int bi = 0; bi < b; bi++) {
            double[][] normed = groupNorm(x, bi, c, n, groups, p.get("norm.weight").toFloatArray(),
                    p.get("norm.bias").toFloatArray());
            double[][] q = conv1x1(normed, p.get("q.weight").toFloatArray(), p.get("q.bias").toFloatArray());
            double[][] k = conv1x1(normed, p.get("k.weight").toFloatArray(), p.get("k.bias").toFloatArray());
            double[][] v = conv1x1(normed, p.get("v.weight").toFloatArray(), p.get("v.bias").toFloatArray());
            double[][] attended = new double[c][n];
            for (int i = 0; i < n; i++) {
                double[] logits = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    for (int ch = 0; ch < c; ch++) {
                        logits[j] += q[ch][i] * k[ch][j];
                    }
                    logits[j] /= Math.sqrt(c);
                    max = Math.max(max, logits[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    logits[j] = Math.exp(logits[j] - max);
                    sum += logits[j];
                }
                for (int ch = 0; ch < c; ch++) {
                    for (int j = 0; j < n; j++) {
                        attended[ch][i] += v[ch][j] * logits[j] / sum;
                    }
                }
            }
            double[][] proj = conv1x1(attended, p.get("proj_out.weight").toFloatArray(),
                    p.get("proj_out.bias").toFloatArray());
            for (int ch = 0; ch < c; ch++) {
                for (int i = 0; i < n; i++) {
                    int at = (bi * c + ch) * n + i;
                    out[at] = x[at] + proj[ch][i];
                }
            }
        }
        return out;
    }

    private static double[][] groupNorm(float[] x, int bi, int c, int n, int groups, float[] gamma, float[] beta) {
        double[][] y = new double[c][n];
        int per = c / groups;
        for (int g = 0; g < groups; g++) {
            double mean = 0, var = 0;
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (int i = 0; i < n; i++) {
                    mean += x[(bi * c + ch) * n + i];
                }
            }
            mean /= per * n;
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (int i = 0; i < n; i++) {
                    double d = x[(bi * c + ch) * n + i] - mean;
                    var += d * d;
                }
            }
            var /= per * n;
            for (int ch = g * per; ch < (g + 1) * per; ch++) {
                for (int i = 0; i < n; i++) {
                    y[ch][i] = (x[(bi * c + ch) * n + i] - mean) / Math.sqrt(var + 1e-6) * gamma[ch] + beta[ch];
                }
            }
        }
        return y;
    }

    /** Weight (Cout, Cin) row-major, as a (Cout, Cin, 1, 1) conv stores it. */
    private static double[][] conv1x1(double[][] x, float[] weight, float[] bias) {
        int cin = x.length, n = x[0].length, cout = bias.length;
        double[][] y = new double[cout][n];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < n; i++) {
                double s = bias[o];
                for (int ci = 0; ci < cin; ci++) {
                    s += weight[o * cin + ci] * x[ci][i];
                }
                y[o][i] = s;
            }
        }
        return y;
    }
}
