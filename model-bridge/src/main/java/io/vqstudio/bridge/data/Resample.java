package io.vqstudio.bridge.data;

/**
 * One-dimensional resampling weights from {@code src} to {@code dst} samples: for output {@code i},
 * inputs {@code start[i] .. start[i] + weights[i].length - 1} with those weights (summing to 1).
 * The same table serves both axes of a square.
 */
final class Resample {

    final int[] start;
    final float[][] weights;

    private Resample(int[] start, float[][] weights) {
        this.start = start;
        this.weights = weights;
    }

    static Resample of(int src, int dst) {
        int[] start = new int[dst];
        float[][] weights = new float[dst][];
        if (src == dst) {
            for (int i = 0; i < dst; i++) {
                start[i] = i;
                weights[i] = new float[] {1f};
            }
        } else if (src > dst) {
            // Box filter: output i covers input interval [i*scale, (i+1)*scale), weighted by overlap.
            double scale = (double) src / dst;
            for (int i = 0; i < dst; i++) {
                double a = i * scale, b = Math.min(src, (i + 1) * scale);
                int lo = (int) Math.floor(a), hi = Math.min(src, (int) Math.ceil(b));
                float[] w = new float[hi - lo];
                for (int j = lo; j < hi; j++) {
                    w[j - lo] = (float) ((Math.min(b, j + 1) - Math.max(a, j)) / scale);
                }
                start[i] = lo;
                weights[i] = w;
            }
        } else {
            // Bilinear with pixel centres at +0.5; edges repeat the border pixel.
            for (int i = 0; i < dst; i++) {
                double x = (i + 0.5) * src / dst - 0.5;
                int x0 = (int) Math.floor(x);
                float f = (float) (x - x0);
                if (x0 < 0) {
                    start[i] = 0;
                    weights[i] = new float[] {1f};
                } else if (x0 >= src - 1) {
                    start[i] = src - 1;
                    weights[i] = new float[] {1f};
                } else {
                    start[i] = x0;
                    weights[i] = new float[] {1f - f, f};
                }
            }
        }
        return new Resample(start, weights);
    }
}
