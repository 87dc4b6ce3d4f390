package io.vqstudio.bridge.core;

import java.awt.image.BufferedImage;
import java.nio.IntBuffer;
import java.util.Arrays;

/**
 * An immutable RGB picture as packed {@code 0xRRGGBB} ints, row-major: the one image type that
 * crosses the api. Plain data, so it is safe to hand from the engine thread to any other.
 *
 * <p>The pixels are read in place ({@link #get}, {@link #pixelBuffer}); only {@link #copyPixels}
 * copies. Code that builds a new array hands it over with {@link #wrap}, which keeps it as it is,
 * so an image is copied neither on its way in nor on its way out.
 */
public final class RgbImage {

    private final int width;
    private final int height;
    private final int[] rgb;

    /** An image of a copy of {@code rgb}, for callers that keep using their array. */
    public RgbImage(int width, int height, int[] rgb) {
        this(rgb.clone(), width, height);
    }

    private RgbImage(int[] rgb, int width, int height) {
        if (width <= 0 || height <= 0 || rgb.length != (long) width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + rgb.length);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
    }

    /**
     * An image over {@code rgb} itself, without a copy: the caller hands the array over and must
     * not write to it again (producers that fill a fresh array: file readers, the resizer, tensor conversion).
     */
    public static RgbImage wrap(int width, int height, int[] rgb) {
        return new RgbImage(rgb, width, height);
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The {@code 0xRRGGBB} pixel in column {@code x}, row {@code y}. */
    public int get(int x, int y) {
        return rgb[y * width + x];
    }

    /** A read-only view of the pixels, row-major, {@code width * height} long; no copy. */
    public IntBuffer pixelBuffer() {
        return IntBuffer.wrap(rgb).asReadOnlyBuffer();
    }

    /** A copy of the pixels to change (the image keeps its own). */
    public int[] copyPixels() {
        return rgb.clone();
    }

    /** The pixels as a {@code TYPE_INT_RGB} image, for writing files. */
    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    /** Equal when the sizes and every pixel agree. */
    @Override
    public boolean equals(Object o) {
        return o instanceof RgbImage other && width == other.width && height == other.height
                && Arrays.equals(rgb, other.rgb);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(rgb);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
