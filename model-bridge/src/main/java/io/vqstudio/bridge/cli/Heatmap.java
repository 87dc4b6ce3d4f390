package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.RgbImage;

/** A g x g grid of values as a picture: dark blue (low) through yellow (high), min-max scaled. */
final class Heatmap {

    private Heatmap() {}

    static RgbImage of(double[] values, int g, int cell) {
        double min = java.util.Arrays.stream(values).min().orElse(0), max = java.util.Arrays.stream(values).max().orElse(1);
        int[] px = new int[g * cell * g * cell];
        for (int i = 0; i < values.length; i++) {
            double t = max > min ? (values[i] - min) / (max - min) : 0;
            int r = (int) (255 * Math.min(1, 2 * t)), gr = (int) (255 * t), b = (int) (255 * (1 - t) * 0.6);
            int rgb = (r << 16) | (gr << 8) | b;
            for (int y = 0; y < cell; y++) {
                for (int x = 0; x < cell; x++) {
                    px[((i / g) * cell + y) * g * cell + (i % g) * cell + x] = rgb;
                }
            }
        }
        return RgbImage.wrap(g * cell, g * cell, px);
    }
}
