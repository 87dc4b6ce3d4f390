package io.vqstudio.bridge.metrics;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.Preprocess;

/**
 * Reconstruction metrics for one image pair, in plain Java double precision so that results do not
 * depend on the engine. Images are CHW float arrays with values in [-1, 1] (the models' range);
 * PSNR and SSIM are computed on the [0, 1] rescaling, the convention of published numbers. Average
 * the per-image values over a set (PSNR per image then mean, as most papers report it).
 */
public final class ImageMetrics {

    /** PSNR of identical images, which would be infinite. */
    public static final double MAX_PSNR = 100.0;

    private static final int WINDOW = 11;
    private static final double SIGMA = 1.5;
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;
    private static final double[] GAUSS = gaussian();

    private ImageMetrics() {}

    /** Peak signal-to-noise ratio in dB on [0, 1] pixels, capped at {@link #MAX_PSNR}. */
    public static double psnr(float[] x, float[] y) {
        double mse01 = l2(x, y) / 4;                                    // [-1, 1] -> [0, 1] halves differences
        return mse01 == 0 ? MAX_PSNR : Math.min(MAX_PSNR, 10 * Math.log10(1 / mse01));
    }

    /**
     * PSNR of two square images of one size (a model's input and its reconstruction), on the
     * tensors the model sees ({@link Preprocess#toTensor(RgbImage, int, boolean)}).
     */
    public static double psnr(RgbImage a, RgbImage b) {
        return psnr(tensor(a, b), tensor(b, a));
    }

    /** SSIM of two square images of one size, as {@link #psnr(RgbImage, RgbImage)}; NaN below 11x11 pixels. */
    public static double ssim(RgbImage a, RgbImage b) {
        if (a.width() < WINDOW) {
            return Double.NaN;
        }
        return ssim(tensor(a, b), tensor(b, a), 3, a.height(), a.width());
    }

    private static float[] tensor(RgbImage img, RgbImage other) {
        if (img.width() != img.height() || img.width() != other.width() || img.height() != other.height()) {
            throw new IllegalArgumentException("compares two square images of one size, got " + img.width() + "x"
                    + img.height() + " and " + other.width() + "x" + other.height());
        }
        return Preprocess.toTensor(img, img.width(), false);
    }

    /** Mean absolute difference, in the images' own [-1, 1] units. */
    public static double l1(float[] x, float[] y) {
        checkSameLength(x, y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += Math.abs((double) x[i] - y[i]);
        }
        return s / x.length;
    }

    /** Mean squared difference, in the images' own [-1, 1] units. */
    public static double l2(float[] x, float[] y) {
        checkSameLength(x, y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double d = (double) x[i] - y[i];
            s += d * d;
        }
        return s / x.length;
    }

    /**
     * Structural similarity (Wang et al. 2004, "Image Quality Assessment: From Error Visibility to
     * Structural Similarity"): an 11x11 Gaussian window (sigma 1.5), C1 = 0.01^2, C2 = 0.03^2 on [0, 1]
     * pixels, the SSIM map over the 'valid' window positions (as the authors' MATLAB code), averaged
     * per channel, then over channels. Images are (channels, height, width), at least 11x11.
     */
    public static double ssim(float[] x, float[] y, int channels, int height, int width) {
        checkSameLength(x, y);
        if (x.length != channels * height * width) {
            throw new IllegalArgumentException("image of " + x.length + " values is not "
                    + channels + "x" + height + "x" + width);
        }
        if (height < WINDOW || width < WINDOW) {
            throw new IllegalArgumentException("SSIM needs images of at least " + WINDOW + "x" + WINDOW
                    + " pixels, got " + height + "x" + width);
        }
        int plane = height * width;
        double total = 0;
        for (int c = 0; c < channels; c++) {
            double[] a = new double[plane], b = new double[plane];
            double[] aa = new double[plane], bb = new double[plane], ab = new double[plane];
            for (int i = 0; i < plane; i++) {
                a[i] = (x[c * plane + i] + 1.0) / 2;
                b[i] = (y[c * plane + i] + 1.0) / 2;
                aa[i] = a[i] * a[i];
                bb[i] = b[i] * b[i];
                ab[i] = a[i] * b[i];
            }
            double[] muA = blur(a, height, width), muB = blur(b, height, width);
            double[] sAA = blur(aa, height, width), sBB = blur(bb, height, width), sAB = blur(ab, height, width);
            double sum = 0;
            for (int i = 0; i < muA.length; i++) {
                double ma = muA[i], mb = muB[i];
                double varA = sAA[i] - ma * ma, varB = sBB[i] - mb * mb, cov = sAB[i] - ma * mb;
                sum += (2 * ma * mb + C1) * (2 * cov + C2) / ((ma * ma + mb * mb + C1) * (varA + varB + C2));
            }
            total += sum / muA.length;
        }
        return total / channels;
    }

    /** Separable Gaussian filtering, 'valid' positions only: (h, w) -> (h - 10, w - 10), row-major. */
    private static double[] blur(double[] img, int h, int w) {
        int ow = w - WINDOW + 1, oh = h - WINDOW + 1;
        double[] rows = new double[h * ow];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += GAUSS[k] * img[y * w + x + k];
                }
                rows[y * ow + x] = s;
            }
        }
        double[] out = new double[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double s = 0;
                for (int k = 0; k < WINDOW; k++) {
                    s += GAUSS[k] * rows[(y + k) * ow + x];
                }
                out[y * ow + x] = s;
            }
        }
        return out;
    }

    private static double[] gaussian() {
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            double d = i - WINDOW / 2;
            g[i] = Math.exp(-d * d / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= sum;
        }
        return g;
    }

    private static void checkSameLength(float[] x, float[] y) {
        if (x.length != y.length || x.length == 0) {
            throw new IllegalArgumentException("images must be non-empty and equal in size, got "
                    + x.length + " and " + y.length + " values");
        }
    }
}
