package io.vqstudio.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    static double[][] randomSymmetric(int n, long seed) {
        Random r = new Random(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                a[i][j] = a[j][i] = r.nextGaussian();
            }
        }
        return a;
    }

    @Test
    void aKnownTwoByTwoMatrix() {
        SymmetricEigen.Result r = SymmetricEigen.decompose(new double[][] {{2, 1}, {1, 2}});
        assertThat(r.values()[0]).isCloseTo(1.0, within(1e-14));
        assertThat(r.values()[1]).isCloseTo(3.0, within(1e-14));
        double s = Math.sqrt(0.5);
        assertThat(Math.abs(r.vectors()[1][0])).isCloseTo(s, within(1e-14));
        assertThat(r.vectors()[1][0] * r.vectors()[1][1]).isCloseTo(0.5, within(1e-14));
    }

    @Test
    void vectorsAreOrthonormalAndRebuildTheMatrix() {
        int n = 60;
        double[][] a = randomSymmetric(n, 1);
        SymmetricEigen.Result r = SymmetricEigen.decompose(a);
        double[] l = r.values();
        double[][] v = r.vectors();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                assertThat(l[i]).isGreaterThanOrEqualTo(l[i - 1]);
            }
            for (int j = 0; j < n; j++) {
                double dot = 0, rebuilt = 0;
                for (int k = 0; k < n; k++) {
                    dot += v[i][k] * v[j][k];
                    rebuilt += l[k] * v[k][i] * v[k][j];
                }
                assertThat(dot).isCloseTo(i == j ? 1 : 0, within(1e-12));
                assertThat(rebuilt).isCloseTo(a[i][j], within(1e-11));
            }
        }
        assertThat(SymmetricEigen.values(a)).containsExactly(l, within(1e-11));
    }

    @Test
    void degenerateMatricesZeroDiagonalAndOneByOne() {
        assertThat(SymmetricEigen.values(new double[4][4])).containsExactly(0, 0, 0, 0);
        assertThat(SymmetricEigen.values(new double[][] {{3, 0, 0}, {0, -1, 0}, {0, 0, 2}}))
                .containsExactly(new double[] {-1, 2, 3}, within(1e-15));
        assertThat(SymmetricEigen.decompose(new double[][] {{5}}).values()).containsExactly(5);
    }
}
