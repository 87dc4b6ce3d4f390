package io.vqstudio.bridge.metrics;

import io.vqstudio.bridge.TestEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrechetDistanceTest {

    private static double[][] diag(double... d) {
        double[][] m = new double[d.length][d.length];
        for (int i = 0; i < d.length; i++) {
            m[i][i] = d[i];
        }
        return m;
    }

    /** ||mu1 - mu2||^2 + sum (sqrt s1 - sqrt s2)^2: the distance between diagonal Gaussians. */
    private static double diagonalClosedForm(double[] mu1, double[] s1, double[] mu2, double[] s2) {
        double fd = 0;
        for (int i = 0; i < mu1.length; i++) {
            fd += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]) + Math.pow(Math.sqrt(s1[i]) - Math.sqrt(s2[i]), 2);
        }
        return fd;
    }

    /** A random orthogonal matrix (Gram-Schmidt on Gaussian rows). */
    private static double[][] orthogonal(int n, long seed) {
        double[][] q = SymmetricEigenTest.randomSymmetric(n, seed);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += q[i][k] * q[j][k];
                }
                for (int k = 0; k < n; k++) {
                    q[i][k] -= dot * q[j][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < n; k++) {
                norm += q[i][k] * q[i][k];
            }
            for (int k = 0; k < n; k++) {
                q[i][k] /= Math.sqrt(norm);
            }
        }
        return q;
    }

    private static double[][] rotate(double[][] q, double[][] s) {   // Q S Q^T
        int n = s.length;
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int a = 0; a < n; a++) {
                    for (int b = 0; b < n; b++) {
                        out[i][j] += q[i][a] * s[a][b] * q[j][b];
                    }
                }
            }
        }
        return out;
    }

    private static double[] rotate(double[][] q, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            for (int k = 0; k < v.length; k++) {
                out[i] += q[i][k] * v[k];
            }
        }
        return out;
    }

    @Test
    void diagonalGaussiansMatchTheClosedFormAlsoAfterACommonRotation() {
        double[] mu1 = {0, 1, -2, 0.5, 3}, mu2 = {1, 1, 0, 0, 2.5};
        double[] s1 = {1, 4, 0.25, 2, 9}, s2 = {2, 1, 0.25, 8, 1};
        double want = diagonalClosedForm(mu1, s1, mu2, s2);
        assertThat(FrechetDistance.between(mu1, diag(s1), mu2, diag(s2))).isCloseTo(want, within(1e-10));
        // Rotating both Gaussians by one orthogonal Q leaves the distance unchanged, and makes S1, S2 dense.
        double[][] q = orthogonal(5, 9);
        double got = FrechetDistance.between(
                rotate(q, mu1), rotate(q, diag(s1)), rotate(q, mu2), rotate(q, diag(s2)));
        assertThat(got).isCloseTo(want, within(1e-9));
    }

    @Test
    void nonCommutingTwoByTwoCovariancesMatchTheClosedForm() {
        // For 2x2 PSD M, Tr sqrt(M) = sqrt(Tr M + 2 sqrt(det M)); here M = S1 S2, det = det S1 det S2.
        double[][] s1 = {{2, 0.8}, {0.8, 1}}, s2 = {{1, -0.3}, {-0.3, 3}};
        double trProd = s1[0][0] * s2[0][0] + s1[0][1] * s2[1][0] + s1[1][0] * s2[0][1] + s1[1][1] * s2[1][1];
        double det = (s1[0][0] * s1[1][1] - s1[0][1] * s1[1][0]) * (s2[0][0] * s2[1][1] - s2[0][1] * s2[1][0]);
        double want = 1 + 4 + (2 + 1) + (1 + 3) - 2 * Math.sqrt(trProd + 2 * Math.sqrt(det));
        assertThat(FrechetDistance.between(new double[] {0, 0}, s1, new double[] {1, 2}, s2)).isCloseTo(want, within(1e-12));
    }

    @Test
    void sampledGaussiansApproachTheClosedForm() {
        double[] mu1 = {0, 1, -1, 2}, mu2 = {0.5, 1, 0, 2};
        double[] s1 = {1, 4, 1, 0.5}, s2 = {1, 1, 2, 0.5};
        FrechetDistance fd = new FrechetDistance();
        Random r = new Random(3);
        int n = 40_000, d = 4;
        float[] a = new float[n * d], b = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                a[i * d + k] = (float) (mu1[k] + Math.sqrt(s1[k]) * r.nextGaussian());
                b[i * d + k] = (float) (mu2[k] + Math.sqrt(s2[k]) * r.nextGaussian());
            }
        }
        fd.addReal(a, d);
        fd.addGenerated(b, d);
        double want = diagonalClosedForm(mu1, s1, mu2, s2);            // 1.25 + 1 + 0.1716 = 2.42
        assertThat(fd.distance()).isCloseTo(want, within(0.05));
    }

    @Test
    void identicalSetsAreAtDistanceZeroEvenWithSingularCovariances() {
        // 10 vectors in 64 dimensions: rank-9 covariances, where a general matrix square root struggles.
        Random r = new Random(4);
        float[] rows = new float[10 * 64];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (float) (1000 + r.nextGaussian()); // a large common offset must not cost precision
        }
        FrechetDistance fd = new FrechetDistance();
        fd.addReal(rows, 64);
        fd.addGenerated(rows, 64);
        assertThat(fd.distance()).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void ndArrayBatchesAccumulateLikeFloatRows() {
        EngineRuntime rt = TestEngine.start();
        float[] a = {1, 2, 3, 0, 2, 5, 4, 4, 1}, b = {0, 0, 1, 2, 3, 1, 5, 1, 0};
        FrechetDistance rows = new FrechetDistance();
        rows.addReal(a, 3);
        rows.addGenerated(b, 3);
        FrechetDistance arrays = new FrechetDistance();
        try (NDManager m = NDManager.newBaseManager(rt.device())) {
            arrays.addReal(m.create(a, new Shape(3, 3)).get("0:2"));
            arrays.addReal(m.create(a, new Shape(3, 3)).get("2:"));
            arrays.addGenerated(m.create(b, new Shape(3, 3)));
        }
        assertThat(arrays.distance()).isCloseTo(rows.distance(), within(1e-12));
    }

    @Test
    void tooFewVectorsOrMismatchedWidthsAreRejected() {
        FrechetDistance fd = new FrechetDistance();
        fd.addReal(new float[] {1, 2}, 2);
        fd.addGenerated(new float[] {1, 2, 3, 4}, 2);
        assertThatThrownBy(fd::distance).hasMessageContaining("at least 2 vectors");
        assertThatThrownBy(() -> fd.addReal(new float[] {1, 2, 3}, 3)).hasMessageContaining("width 3");
    }
}
