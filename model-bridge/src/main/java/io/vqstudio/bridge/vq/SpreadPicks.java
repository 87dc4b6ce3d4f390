package io.vqstudio.bridge.vq;

import java.util.Random;

/**
 * Chooses vectors to place codes on by D² sampling, the seeding of k-means++ (Arthur and
 * Vassilvitskii, 2007): each pick is drawn with probability proportional to its squared distance to
 * the nearest centre so far, the given ones and the earlier picks. Uniform picks would put codes
 * where the data are densest: on Fashion-MNIST most tokens are the plain background, so codes
 * started or restarted there compete for one region, and all but one die again. Picks spread over
 * what the codebook does not yet serve.
 */
final class SpreadPicks {

    private SpreadPicks() {
    }

    /**
     * @param vectors rows (n, c), row-major
     * @param c       the width of a row
     * @param centres existing centres (m, c), row-major; may be empty
     * @param count   how many rows to pick
     * @return the picked row indices; a row is picked again only when every row already sits on a centre
     */
    static int[] pick(float[] vectors, int c, float[] centres, int count, Random rnd) {
        int n = vectors.length / c;
        double[] d2 = new double[n];
        java.util.Arrays.fill(d2, Double.POSITIVE_INFINITY);
        for (int m = 0; m < centres.length / c; m++) {
            closer(vectors, c, centres, m, d2);
        }
        int[] picks = new int[count];
        for (int p = 0; p < count; p++) {
            picks[p] = draw(d2, rnd);
            closer(vectors, c, vectors, picks[p], d2);
        }
        return picks;
    }

    /** Lowers each row's squared distance to that of row {@code at} of {@code from}, where nearer. */
    private static void closer(float[] vectors, int c, float[] from, int at, double[] d2) {
        int o = at * c;
        for (int i = 0, v = 0; i < d2.length; i++, v += c) {
            double s = 0;
            for (int j = 0; j < c; j++) {
                double diff = vectors[v + j] - from[o + j];
                s += diff * diff;
            }
            if (s < d2[i]) {
                d2[i] = s;
            }
        }
    }

    /** A row drawn with probability proportional to d2 (uniform when every weight is 0 or infinite). */
    private static int draw(double[] d2, Random rnd) {
        double total = 0;
        for (double d : d2) {
            total += d;
        }
        if (!(total > 0) || Double.isInfinite(total)) {
            return rnd.nextInt(d2.length);
        }
        double r = rnd.nextDouble() * total;
        for (int i = 0; i < d2.length; i++) {
            r -= d2[i];
            if (r < 0) {
                return i;
            }
        }
        return d2.length - 1;
    }
}
