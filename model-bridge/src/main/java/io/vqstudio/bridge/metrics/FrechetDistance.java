package io.vqstudio.bridge.metrics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * The Frechet distance between two sets of feature vectors, each summarised as a Gaussian
 * (Dowson and Landau 1982; the statistic behind FID, Heusel et al. 2017, here in whatever feature
 * space the caller chooses, e.g. Tiny Darknet's pooled features, so it is not FID and its values are
 * not comparable to published FIDs):
 * FD = ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2)).
 *
 * <p>Feed the reference set with {@link #addReal} and the compared set with {@link #addGenerated},
 * batch by batch; the accumulation is in double precision. Tr (S1 S2)^(1/2) is computed as the sum
 * of square roots of the eigenvalues of the symmetric PSD matrix S1^(1/2) S2 S1^(1/2) (same
 * spectrum as S1 S2), through two symmetric eigen-decompositions, rather than the general matrix
 * square root of FID's reference code, which can return complex values for near-singular inputs.
 */
public final class FrechetDistance {

    private final Moments real = new Moments();
    private final Moments generated = new Moments();

    /** Adds reference feature vectors, (B, D). */
    public void addReal(NDArray features) {
        real.add(features.toType(DataType.FLOAT32, false).toFloatArray(), dim(features));
    }

    /** Adds compared feature vectors, (B, D). */
    public void addGenerated(NDArray features) {
        generated.add(features.toType(DataType.FLOAT32, false).toFloatArray(), dim(features));
    }

    /** Adds reference vectors given row-major, {@code rows.length / dim} of them. */
    public void addReal(float[] rows, int dim) {
        real.add(rows, dim);
    }

    /** Adds compared vectors given row-major, {@code rows.length / dim} of them. */
    public void addGenerated(float[] rows, int dim) {
        generated.add(rows, dim);
    }

    /** The distance between the two sets seen so far; each needs at least two vectors, of one width. */
    public double distance() {
        if (real.n < 2 || generated.n < 2) {
            throw new IllegalStateException("a Frechet distance needs at least 2 vectors per set, got "
                    + real.n + " and " + generated.n);
        }
        if (real.dim != generated.dim) {
            throw new IllegalStateException("feature widths differ: " + real.dim + " and " + generated.dim);
        }
        return between(real.mean(), real.covariance(), generated.mean(), generated.covariance());
    }

    /** FD between N(mu1, cov1) and N(mu2, cov2); the covariances must be symmetric. */
    public static double between(double[] mu1, double[][] cov1, double[] mu2, double[][] cov2) {
        int n = mu1.length;
        double fd = 0;
        for (int i = 0; i < n; i++) {
            double d = mu1[i] - mu2[i];
            fd += d * d + cov1[i][i] + cov2[i][i];
        }
        // S1 = V diag(l) V^T; with B = diag(sqrt l) V^T, B S2 B^T shares S1 S2's spectrum and is symmetric PSD.
        SymmetricEigen.Result e1 = SymmetricEigen.decompose(cov1);
        double[][] v = e1.vectors();                                    // row j = eigenvector j
        double[] root = new double[n];
        for (int j = 0; j < n; j++) {
            root[j] = Math.sqrt(Math.max(0, e1.values()[j]));           // rounding can make tiny eigenvalues negative
        }
        double[][] t = new double[n][n];                                // t = V^T S2
        for (int j = 0; j < n; j++) {
            double[] tj = t[j], vj = v[j];
            for (int r = 0; r < n; r++) {
                double a = vj[r];
                double[] s2r = cov2[r];
                for (int c = 0; c < n; c++) {
                    tj[c] += a * s2r[c];
                }
            }
        }
        double[][] m = new double[n][n];                                // m = B S2 B^T
        for (int j = 0; j < n; j++) {
            for (int k = j; k < n; k++) {
                double dot = 0;
                double[] tj = t[j], vk = v[k];
                for (int c = 0; c < n; c++) {
                    dot += tj[c] * vk[c];
                }
                m[j][k] = m[k][j] = root[j] * root[k] * dot;
            }
        }
        double traceRoot = 0;
        for (double ev : SymmetricEigen.values(m)) {
            traceRoot += Math.sqrt(Math.max(0, ev));
        }
        return fd - 2 * traceRoot;
    }

    private static int dim(NDArray features) {
        if (features.getShape().dimension() != 2) {
            throw new IllegalArgumentException("features must be (B, D), got " + features.getShape());
        }
        return Math.toIntExact(features.getShape().get(1));
    }

    /**
     * Running mean and covariance. Sums are taken about the first vector seen (the shifted-data
     * algorithm), so features with a large common offset do not lose precision to cancellation.
     */
    private static final class Moments {
        int dim = -1;
        long n;
        double[] shift, sum;
        double[][] outer;                                               // upper triangle of sum (x-shift)(x-shift)^T

        void add(float[] rows, int width) {
            if (width < 1 || rows.length % width != 0) {
                throw new IllegalArgumentException(rows.length + " values do not split into vectors of " + width);
            }
            if (dim < 0) {
                dim = width;
                shift = new double[width];
                for (int i = 0; i < width && rows.length > 0; i++) {
                    shift[i] = rows[i];
                }
                sum = new double[width];
                outer = new double[width][width];
            } else if (width != dim) {
                throw new IllegalArgumentException("feature width " + width + " differs from the earlier " + dim);
            }
            double[] x = new double[dim];
            for (int off = 0; off < rows.length; off += dim) {
                for (int i = 0; i < dim; i++) {
                    x[i] = rows[off + i] - shift[i];
                    sum[i] += x[i];
                }
                for (int i = 0; i < dim; i++) {
                    double xi = x[i];
                    double[] row = outer[i];
                    for (int j = i; j < dim; j++) {
                        row[j] += xi * x[j];
                    }
                }
                n++;
            }
        }

        double[] mean() {
            double[] mu = new double[dim];
            for (int i = 0; i < dim; i++) {
                mu[i] = shift[i] + sum[i] / n;
            }
            return mu;
        }

        /** Unbiased (n - 1) covariance, as numpy.cov and FID's reference code. */
        double[][] covariance() {
            double[][] c = new double[dim][dim];
            for (int i = 0; i < dim; i++) {
                for (int j = i; j < dim; j++) {
                    c[i][j] = c[j][i] = (outer[i][j] - sum[i] * sum[j] / n) / (n - 1);
                }
            }
            return c;
        }
    }
}
