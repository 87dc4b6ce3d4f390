package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.metrics.ImageMetrics;

/** Pixel arithmetic for the workspace: metrics through the engine's own formulas, difference images. */
public final class ImageMath {

    /** How much the difference image multiplies |original - reconstruction|. */
    public static final int DIFF_GAIN = 4;

    private ImageMath() {}

    /** (3, h, w) floats in [-1, 1], the layout {@link ImageMetrics} expects. */
    public static float[] chw(RgbImage img) {
        int plane = img.width() * img.height();
        int[] px = img.rgb();
        float[] out = new float[3 * plane];
        for (int i = 0; i < plane; i++) {
            out[i] = (px[i] >> 16 & 0xFF) / 127.5f - 1f;
            out[plane + i] = (px[i] >> 8 & 0xFF) / 127.5f - 1f;
            out[2 * plane + i] = (px[i] & 0xFF) / 127.5f - 1f;
        }
        return out;
    }

    public static double psnr(RgbImage a, RgbImage b) {
        return ImageMetrics.psnr(chw(a), chw(b));
    }

    /** SSIM, or NaN for images smaller than its 11x11 window. */
    public static double ssim(RgbImage a, RgbImage b) {
        if (a.width() < 11 || a.height() < 11) {
            return Double.NaN;
        }
        return ImageMetrics.ssim(chw(a), chw(b), 3, a.height(), a.width());
    }

    /** |a - b| per channel, times {@link #DIFF_GAIN}, clipped: black where they agree. */
    public static RgbImage amplifiedDifference(RgbImage a, RgbImage b) {
        int[] pa = a.rgb(), pb = b.rgb();
        int[] out = new int[pa.length];
        for (int i = 0; i < pa.length; i++) {
            int v = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int d = Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF)) * DIFF_GAIN;
                v |= Math.min(255, d) << shift;
            }
            out[i] = v;
        }
        return new RgbImage(a.width(), a.height(), out);
    }
}
