package io.vqstudio.bridge.metrics;

/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to tridiagonal form, then
 * the implicit QL algorithm (the EISPACK routines tred2 and tql2, as in the public-domain JAMA
 * library). O(n^3) and stable, in plain Java.
 *
 * <p>The transformation matrix is stored transposed (row j holds eigenvector j) so that every inner
 * loop walks contiguous memory, where the textbook column-wise layout strides across rows.
 */
final class SymmetricEigen {

    /** Eigenvalues in ascending order and, when asked for, the matching unit eigenvectors as rows. */
    record Result(double[] values, double[][] vectors) {}

    private SymmetricEigen() {}

    /** Eigenvalues and eigenvectors of the symmetric matrix {@code a} (not modified). */
    static Result decompose(double[][] a) {
        return run(a, true);
    }

    /** Eigenvalues only of the symmetric matrix {@code a} (not modified); skips the vector updates. */
    static double[] values(double[][] a) {
        return run(a, false).values();
    }

    private static Result run(double[][] a, boolean vectors) {
        int n = a.length;
        double[][] w = new double[n][];
        for (int i = 0; i < n; i++) {
            if (a[i].length != n) {
                throw new IllegalArgumentException("matrix is not square: row " + i + " has "
                        + a[i].length + " values");
            }
            w[i] = a[i].clone(); // symmetric, so its transpose is itself
        }
        double[] d = new double[n], e = new double[n];
        if (n > 0) {
            tridiagonalize(w, d, e, vectors);
            ql(w, d, e, vectors);
        }
        return new Result(d, vectors ? w : null);
    }

    /** tred2 on W = V^T: V[k][j] is read as w[j][k] throughout. */
    private static void tridiagonalize(double[][] w, double[] d, double[] e, boolean vectors) {
        int n = d.length;
        for (int j = 0; j < n; j++) {
            d[j] = w[j][n - 1];
        }
        for (int i = n - 1; i > 0; i--) {
            double scale = 0, h = 0;
            for (int k = 0; k < i; k++) {
                scale += Math.abs(d[k]);
            }
            if (scale == 0) {
                e[i] = d[i - 1];
                for (int j = 0; j < i; j++) {
                    d[j] = w[j][i - 1];
                    w[j][i] = 0;
                    w[i][j] = 0;
                }
            } else {
                for (int k = 0; k < i; k++) {
                    d[k] /= scale;
                    h += d[k] * d[k];
                }
                double f = d[i - 1];
                double g = f > 0 ? -Math.sqrt(h) : Math.sqrt(h);
                e[i] = scale * g;
                h -= f * g;
                d[i - 1] = f - g;
                for (int j = 0; j < i; j++) {
                    e[j] = 0;
                }
                for (int j = 0; j < i; j++) {
                    double[] wj = w[j];
                    f = d[j];
                    w[i][j] = f;
                    g = e[j] + wj[j] * f;
                    for (int k = j + 1; k < i; k++) {
                        g += wj[k] * d[k];
                        e[k] += wj[k] * f;
                    }
                    e[j] = g;
                }
                f = 0;
                for (int j = 0; j < i; j++) {
                    e[j] /= h;
                    f += e[j] * d[j];
                }
                double hh = f / (h + h);
                for (int j = 0; j < i; j++) {
                    e[j] -= hh * d[j];
                }
                for (int j = 0; j < i; j++) {
                    double[] wj = w[j];
                    f = d[j];
                    g = e[j];
                    for (int k = j; k < i; k++) {
                        wj[k] -= f * e[k] + g * d[k];
                    }
                    d[j] = wj[i - 1];
                    wj[i] = 0;
                }
            }
            d[i] = h;
        }
        if (!vectors) {
            // Without the accumulation below, the diagonal is read straight off (tred2 saves it the same way).
            for (int j = 0; j < n; j++) {
                d[j] = w[j][j];
            }
            e[0] = 0;
            return;
        }
        for (int i = 0; i < n - 1; i++) {
            w[i][n - 1] = w[i][i];
            w[i][i] = 1;
            double[] wi1 = w[i + 1];
            double h = d[i + 1];
            if (h != 0) {
                for (int k = 0; k <= i; k++) {
                    d[k] = wi1[k] / h;
                }
                for (int j = 0; j <= i; j++) {
                    double[] wj = w[j];
                    double g = 0;
                    for (int k = 0; k <= i; k++) {
                        g += wi1[k] * wj[k];
                    }
                    for (int k = 0; k <= i; k++) {
                        wj[k] -= g * d[k];
                    }
                }
            }
            for (int k = 0; k <= i; k++) {
                wi1[k] = 0;
            }
        }
        for (int j = 0; j < n; j++) {
            d[j] = w[j][n - 1];
            w[j][n - 1] = 0;
        }
        w[n - 1][n - 1] = 1;
        e[0] = 0;
    }

    /** tql2: implicit QL iterations on the tridiagonal (d, e); rotations applied to rows of W. */
    private static void ql(double[][] w, double[] d, double[] e, boolean vectors) {
        int n = d.length;
        for (int i = 1; i < n; i++) {
            e[i - 1] = e[i];
        }
        e[n - 1] = 0;
        double f = 0, tst1 = 0;
        double eps = Math.ulp(1.0);
        for (int l = 0; l < n; l++) {
            tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
            int m = l;
            while (m < n - 1 && Math.abs(e[m]) > eps * tst1) {
                m++;
            }
            if (m > l) {
                do {
                    double g = d[l];
                    double p = (d[l + 1] - g) / (2 * e[l]);
                    double r = Math.sqrt(p * p + 1);
                    if (p < 0) {
                        r = -r;
                    }
                    d[l] = e[l] / (p + r);
                    d[l + 1] = e[l] * (p + r);
                    double dl1 = d[l + 1];
                    double h = g - d[l];
                    for (int i = l + 2; i < n; i++) {
                        d[i] -= h;
                    }
                    f += h;
                    p = d[m];
                    double c = 1, c2 = 1, c3 = 1, s = 0, s2 = 0;
                    double el1 = e[l + 1];
                    for (int i = m - 1; i >= l; i--) {
                        c3 = c2;
                        c2 = c;
                        s2 = s;
                        g = c * e[i];
                        h = c * p;
                        r = Math.sqrt(p * p + e[i] * e[i]);
                        e[i + 1] = s * r;
                        s = e[i] / r;
                        c = p / r;
                        p = c * d[i] - s * g;
                        d[i + 1] = h + s * (c * g + s * d[i]);
                        if (vectors) {
                            double[] a = w[i], b = w[i + 1];
                            for (int k = 0; k < n; k++) {
                                double bk = b[k];
                                b[k] = s * a[k] + c * bk;
                                a[k] = c * a[k] - s * bk;
                            }
                        }
                    }
                    p = -s * s2 * c3 * el1 * e[l] / dl1;
                    e[l] = s * p;
                    d[l] = c * p;
                } while (Math.abs(e[l]) > eps * tst1);
            }
            d[l] += f;
            e[l] = 0;
        }
        sortAscending(w, d, vectors);
    }

    private static void sortAscending(double[][] w, double[] d, boolean vectors) {
        int n = d.length;
        for (int i = 0; i < n - 1; i++) {
            int k = i;
            for (int j = i + 1; j < n; j++) {
                if (d[j] < d[k]) {
                    k = j;
                }
            }
            if (k != i) {
                double t = d[k];
                d[k] = d[i];
                d[i] = t;
                if (vectors) {
                    double[] row = w[k];
                    w[k] = w[i];
                    w[i] = row;
                }
            }
        }
    }
}
