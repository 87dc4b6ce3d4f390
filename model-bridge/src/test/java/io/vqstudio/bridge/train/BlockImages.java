package io.vqstudio.bridge.train;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;

/** Generated training images: flat-coloured 4x4 blocks from a small palette, two classes. */
public final class BlockImages {

    private static final int[] PALETTE = {0xE04040, 0x40A040, 0x3060D0, 0xF0F0F0, 0x202020, 0xE0C030, 0x30B0C0, 0xA050B0};

    private BlockImages() {}

    /** Writes {@code n} images of {@code size} px into {@code dir}/a and {@code dir}/b; returns dir. */
    public static Path write(Path dir, int n, int size, long seed) throws IOException {
        Random rnd = new Random(seed);
        for (int i = 0; i < n; i++) {
            BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int by = 0; by < size; by += 4) {
                for (int bx = 0; bx < size; bx += 4) {
                    int rgb = PALETTE[rnd.nextInt(PALETTE.length)];
                    for (int y = by; y < by + 4; y++) {
                        for (int x = bx; x < bx + 4; x++) {
                            img.setRGB(x, y, rgb);
                        }
                    }
                }
            }
            Path cls = dir.resolve(i % 2 == 0 ? "a" : "b");
            Files.createDirectories(cls);
            ImageIO.write(img, "png", cls.resolve("img" + i + ".png").toFile());
        }
        return dir;
    }
}
