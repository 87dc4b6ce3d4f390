package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.RgbImage;

/** Pixel arithmetic for the workspace: the amplified difference image (the measures are the facade's {@code UserFiles.psnr} and {@code ssim}). */
public final class ImageMath {

    /** How much the difference image multiplies |original - reconstruction|. */
    public static final int DIFF_GAIN = 4;

    private ImageMath() {}

    /** |a - b| per channel, times {@link #DIFF_GAIN}, clipped: black where they agree. */
    public static RgbImage amplifiedDifference(RgbImage a, RgbImage b) {
        java.nio.IntBuffer pa = a.pixelBuffer(), pb = b.pixelBuffer();
        int[] out = new int[pa.capacity()];
        for (int i = 0; i < out.length; i++) {
            int v = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int d = Math.abs((pa.get(i) >> shift & 0xFF) - (pb.get(i) >> shift & 0xFF)) * DIFF_GAIN;
                v |= Math.min(255, d) << shift;
            }
            out[i] = v;
        }
        return RgbImage.wrap(a.width(), a.height(), out);
    }
}
