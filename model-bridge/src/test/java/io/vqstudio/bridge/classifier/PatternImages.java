package io.vqstudio.bridge.classifier;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Generated labelled images that a classifier separates easily: per class a pattern (horizontal
 * stripes, vertical stripes, a bright square), each image with a random phase, offset and
 * brightness, so no two are alike and the class is in the shape, not in one pixel.
 */
public final class PatternImages {

    /** The classes, in the order their folders sort and their IDX labels count. */
    public static final List<String> CLASSES = List.of("centre", "horizontal", "vertical");

    private PatternImages() {}

    /** Grey level (0..255) of pixel (x, y) of an image of class {@code c} drawn with {@code params}. */
    static int grey(int c, int size, int x, int y, int[] params) {
        int phase = params[0], dark = params[1], light = params[2];
        int dx = phase % 3 - 1, dy = phase / 3 % 3 - 1; // the square's offset from the centre
        boolean on = switch (c) {
            case 0 -> Math.abs(x - size / 2 - dx) < size / 4 && Math.abs(y - size / 2 - dy) < size / 4;
            case 1 -> (y + phase) / 2 % 2 == 0;
            default -> (x + phase) / 2 % 2 == 0;
        };
        return on ? light : dark;
    }

    private static int[] params(Random rnd) {
        return new int[] {rnd.nextInt(9), rnd.nextInt(60), 170 + rnd.nextInt(86)};
    }

    /** Writes {@code perClass} PNGs of {@code size} px per class into {@code dir}/CLASS/; returns dir. */
    public static Path folders(Path dir, List<String> classes, int perClass, int size, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (int c = 0; c < classes.size(); c++) {
            Path folder = Files.createDirectories(dir.resolve(classes.get(c)));
            for (int i = 0; i < perClass; i++) {
                int[] p = params(rnd);
                BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
                int tint = rnd.nextInt(3); // one channel dimmed: colour varies, the pattern decides
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        int v = grey(c % 3, size, x, y, p);
                        int[] rgb = {v, v, v};
                        rgb[tint] = rgb[tint] * 3 / 4;
                        img.setRGB(x, y, rgb[0] << 16 | rgb[1] << 8 | rgb[2]);
                    }
                }
                ImageIO.write(img, "png", folder.resolve("img" + i + ".png").toFile());
            }
        }
        return dir;
    }

    /**
     * Writes {@code prefix-images-idx3-ubyte} and {@code prefix-labels-idx1-ubyte} into {@code dir}:
     * {@code perClass} grey images of 28 px per class of {@link #CLASSES}, labels 0 to 2, interleaved.
     */
    public static Path idx(Path dir, String prefix, int perClass, long seed) throws IOException {
        Files.createDirectories(dir);
        Random rnd = new Random(seed);
        int n = perClass * CLASSES.size(), size = 28;
        try (DataOutputStream images = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-images-idx3-ubyte")));
             DataOutputStream labels = new DataOutputStream(Files.newOutputStream(dir.resolve(prefix + "-labels-idx1-ubyte")))) {
            images.writeInt(0x803);
            images.writeInt(n);
            images.writeInt(size);
            images.writeInt(size);
            labels.writeInt(0x801);
            labels.writeInt(n);
            for (int i = 0; i < n; i++) {
                int c = i % CLASSES.size();
                int[] p = params(rnd);
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        images.writeByte(grey(c, size, x, y, p));
                    }
                }
                labels.writeByte(c);
            }
        }
        return dir.resolve(prefix + "-images-idx3-ubyte");
    }
}
