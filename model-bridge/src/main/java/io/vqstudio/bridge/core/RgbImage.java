package io.vqstudio.bridge.core;

import java.awt.image.BufferedImage;

/**
 * An immutable RGB picture as packed {@code 0xRRGGBB} ints, row-major: the one image type that
 * crosses the api. Plain data, so it is safe to hand from the engine thread to any other.
 */
public record RgbImage(int width, int height, int[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != width * height) {
            throw new IllegalArgumentException("image " + width + "x" + height + " needs " + (long) width * height
                    + " pixels, got " + rgb.length);
        }
        rgb = rgb.clone();
    }

    public int get(int x, int y) {
        return rgb[y * width + x];
    }

    /** A copy of the pixels (the record keeps its own). */
    public int[] pixels() {
        return rgb.clone();
    }

    public static RgbImage of(BufferedImage image) {
        int w = image.getWidth(), h = image.getHeight();
        int[] px = image.getRGB(0, 0, w, h, null, 0, w);
        for (int i = 0; i < px.length; i++) {
            px[i] &= 0xFFFFFF;
        }
        return new RgbImage(w, h, px);
    }

    public BufferedImage toBufferedImage() {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, width, height, rgb, 0, width);
        return out;
    }

    @Override
    public int[] rgb() {
        return rgb.clone();
    }
}
