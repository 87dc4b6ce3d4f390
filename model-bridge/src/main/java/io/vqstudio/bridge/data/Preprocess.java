package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.RgbImage;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.nio.IntBuffer;

/**
 * Turns any decoded image into what the models see: RGB, centre-cropped to the largest square,
 * resized to {@code size x size}, as CHW floats in [-1, 1] ({@code v / 127.5 - 1}).
 *
 * <p>Shrinking is an exact box filter (area averaging): each output pixel is the mean of the source
 * area it covers, fractional pixels weighted by coverage, which is what PIL's BOX and
 * OpenCV's INTER_AREA compute. Enlarging is bilinear with pixel centres at +0.5 (as
 * {@code align_corners=false}). Greyscale becomes three equal channels; transparent pixels are
 * composited over <b>white</b>, because transparent images are mostly logos and cut-out objects
 * drawn for a white page, and over black their dark outlines would vanish.
 */
public final class Preprocess {

    private Preprocess() {}

    /**
     * A decoded image as RGB pixels, grey and alpha converted as described above: the one way a
     * {@link BufferedImage} from a file becomes an {@link RgbImage}.
     */
    public static RgbImage rgb(BufferedImage img) {
        return RgbImage.wrap(img.getWidth(), img.getHeight(), rgbPixels(img));
    }

    /** A decoded image to a (3, size, size) tensor: {@link #toTensor(RgbImage, int, boolean)} of {@link #rgb}. */
    public static float[] toTensor(BufferedImage img, int size, boolean flip) {
        return toTensor(rgb(img), size, flip);
    }

    /**
     * Image to a (3, size, size) tensor, row-major, values in [-1, 1]; {@code flip} mirrors it
     * left-right. An image already {@code size x size} is converted as it is, {@code p / 127.5 - 1};
     * any other is centre-cropped and resized in floats (no rounding to bytes), as datasets are.
     */
    public static float[] toTensor(RgbImage img, int size, boolean flip) {
        float[] chw = img.width() == size && img.height() == size ? chw(img, flip) // (3, size, size), 0..255
                : squareChw(img, size, flip);
        for (int i = 0; i < chw.length; i++) {
            chw[i] = Math.max(-1f, Math.min(1f, chw[i] / 127.5f - 1f));
        }
        return chw;
    }

    /**
     * The model's view of an image: its centre square resized to {@code size x size}, rounded to
     * bytes; the image itself when it is already that size. The studio shows this square and the
     * api encodes it, so both see the same pixels.
     */
    public static RgbImage square(RgbImage img, int size) {
        if (img.width() == size && img.height() == size) {
            return img;
        }
        float[] chw = squareChw(img, size, false);
        int plane = size * size;
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = byteOf(chw[i]) << 16 | byteOf(chw[plane + i]) << 8 | byteOf(chw[2 * plane + i]);
        }
        return RgbImage.wrap(size, size, rgb);
    }

    /** Inverse of {@link #toTensor}: a (3, size, size) tensor in [-1, 1] (clamped) to an RGB image. */
    public static RgbImage fromTensor(float[] chw, int size) {
        int plane = size * size;
        if (chw.length != 3 * plane) {
            throw new IllegalArgumentException("expected 3x" + size + "x" + size + " = " + 3 * plane + " values, got " + chw.length);
        }
        int[] rgb = new int[plane];
        for (int i = 0; i < plane; i++) {
            rgb[i] = unit(chw[i]) << 16 | unit(chw[plane + i]) << 8 | unit(chw[2 * plane + i]);
        }
        return RgbImage.wrap(size, size, rgb);
    }

    /** True for images stored as grey levels (one channel, maybe with alpha). */
    public static boolean isGreyscale(BufferedImage img) {
        ColorModel cm = img.getColorModel();
        return !(cm instanceof IndexColorModel) && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY;
    }

    /**
     * Row-major packed {@code 0xRRGGBB} pixels. Grey samples are copied as they are: going through
     * {@code getRGB} would treat them as linear light and brighten them (128 becomes about 186).
     */
    public static int[] rgbPixels(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        ColorModel cm = img.getColorModel();
        Raster r = img.getRaster();
        int bands = r.getNumBands();
        int[] out = new int[w * h];
        if (isGreyscale(img) && (bands == 1 || bands == 2)) {
            int max = (1 << cm.getComponentSize(0)) - 1;
            int amax = bands == 2 ? (1 << cm.getComponentSize(1)) - 1 : 1;
            int[] px = r.getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0; i < out.length; i++) {
                int g = Math.round(px[i * bands] * 255f / max);
                int a = bands == 2 ? Math.round(px[i * bands + 1] * 255f / amax) : 255;
                g = overWhite(g, a);
                out[i] = g << 16 | g << 8 | g;
            }
            return out;
        }
        if (isPlain8BitRgb(cm, bands)) {
            // The common JPEG/PNG case, read in bulk: getRGB converts pixel by pixel and costs as much as decoding.
            int[] px = r.getPixels(0, 0, w, h, (int[]) null);
            for (int i = 0, j = 0; i < out.length; i++, j += bands) {
                int a = bands == 4 ? px[j + 3] : 255;
                out[i] = overWhite(px[j], a) << 16 | overWhite(px[j + 1], a) << 8 | overWhite(px[j + 2], a);
            }
            return out;
        }
        // getRGB handles every other layout (indexed, 16-bit, other colour spaces) exactly.
        int[] argb = img.getRGB(0, 0, w, h, null, 0, w);
        boolean alpha = cm.hasAlpha();
        for (int i = 0; i < out.length; i++) {
            int p = argb[i];
            if (alpha) {
                int a = p >>> 24;
                p = overWhite(p >> 16 & 0xFF, a) << 16 | overWhite(p >> 8 & 0xFF, a) << 8 | overWhite(p & 0xFF, a);
            }
            out[i] = p & 0xFFFFFF;
        }
        return out;
    }

    private static boolean isPlain8BitRgb(ColorModel cm, int bands) {
        if (cm instanceof IndexColorModel || !cm.getColorSpace().isCS_sRGB() || cm.isAlphaPremultiplied()
                || (bands != 3 && bands != 4) || cm.getNumComponents() != bands) {
            return false;
        }
        for (int size : cm.getComponentSize()) {
            if (size != 8) {
                return false;
            }
        }
        return true;
    }

    private static int overWhite(int c, int a) {
        return a == 255 ? c : (c * a + 255 * (255 - a) + 127) / 255;
    }

    /** The pixels of an image already at its size, as (3, size, size) in 0..255. */
    private static float[] chw(RgbImage img, boolean flip) {
        int size = img.width(), plane = size * size;
        IntBuffer rgb = img.pixelBuffer();
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb.get(y * size + x), o = y * size + (flip ? size - 1 - x : x);
                out[o] = p >> 16 & 0xFF;
                out[plane + o] = p >> 8 & 0xFF;
                out[2 * plane + o] = p & 0xFF;
            }
        }
        return out;
    }

    /** Centre square crop, resized to (3, size, size) in 0..255: the one crop-and-resize. */
    private static float[] squareChw(RgbImage img, int size, boolean flip) {
        if (size < 1) {
            throw new IllegalArgumentException("size must be positive, got " + size);
        }
        int w = img.width(), h = img.height();
        IntBuffer rgb = img.pixelBuffer();
        int s = Math.min(w, h), x0 = (w - s) / 2, y0 = (h - s) / 2;
        Resample taps = Resample.of(s, size);
        // Horizontal pass over the crop rows: (3, s, size).
        float[] tmp = new float[3 * s * size];
        for (int y = 0; y < s; y++) {
            int row = (y0 + y) * w + x0;
            for (int x = 0; x < size; x++) {
                float r = 0, g = 0, b = 0;
                int start = taps.start[x];
                float[] wt = taps.weights[x];
                for (int k = 0; k < wt.length; k++) {
                    int p = rgb.get(row + start + k);
                    r += wt[k] * (p >> 16 & 0xFF);
                    g += wt[k] * (p >> 8 & 0xFF);
                    b += wt[k] * (p & 0xFF);
                }
                int o = y * size + (flip ? size - 1 - x : x);
                tmp[o] = r;
                tmp[s * size + o] = g;
                tmp[2 * s * size + o] = b;
            }
        }
        // Vertical pass: (3, size, size).
        float[] out = new float[3 * size * size];
        for (int c = 0; c < 3; c++) {
            int src = c * s * size, dst = c * size * size;
            for (int y = 0; y < size; y++) {
                int start = taps.start[y];
                float[] wt = taps.weights[y];
                for (int x = 0; x < size; x++) {
                    float v = 0;
                    for (int k = 0; k < wt.length; k++) {
                        v += wt[k] * tmp[src + (start + k) * size + x];
                    }
                    out[dst + y * size + x] = v;
                }
            }
        }
        return out;
    }

    private static int byteOf(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }

    private static int unit(float v) {
        return Math.round((Math.max(-1f, Math.min(1f, v)) + 1f) * 127.5f);
    }
}
