package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/** Small images and dataset layouts generated for the tests. */
final class TestImages {

    /** Images in {@link #petsFolder}: 11 files, 8 readable, 3 unreadable, 1 greyscale. */
    static final int PET_FILES = 11;
    static final int PET_READABLE = 8;

    private TestImages() {}

    static BufferedImage noise(int w, int h, int type, long seed) {
        BufferedImage img = new BufferedImage(w, h, type);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, r.nextInt() | (type == BufferedImage.TYPE_INT_ARGB ? 0 : 0xFF000000));
            }
        }
        return img;
    }

    static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(img, format, out)) {
            throw new IOException("no " + format + " writer for image type " + img.getType());
        }
        return out.toByteArray();
    }

    static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    /**
     * pets/{birds,cats,dogs}: PNG, JPEG, BMP, GIF, a greyscale PNG, an ARGB PNG with alpha, a 37x23
     * BMP, an upper-case .JPEG, plus a zero-byte .jpg, a truncated .jpg and a text file named .jpg,
     * a hidden file, a readme, and a words.txt naming cats and dogs.
     */
    static Path petsFolder(Path dir) throws IOException {
        Path root = dir.resolve("pets");
        write(root.resolve("cats/c1.png"), encode(noise(16, 16, BufferedImage.TYPE_INT_RGB, 1), "png"));
        write(root.resolve("cats/c2.jpg"), encode(noise(20, 20, BufferedImage.TYPE_INT_RGB, 2), "jpg"));
        write(root.resolve("cats/c3.png"), encode(grey(18, 18), "png"));
        write(root.resolve("cats/c4.bmp"), encode(noise(37, 23, BufferedImage.TYPE_INT_RGB, 4), "bmp"));
        write(root.resolve("cats/zero.jpg"), new byte[0]);
        write(root.resolve("cats/.hidden.png"), encode(noise(4, 4, BufferedImage.TYPE_INT_RGB, 9), "png"));
        write(root.resolve("dogs/d1.gif"), encode(noise(16, 16, BufferedImage.TYPE_BYTE_INDEXED, 5), "gif"));
        write(root.resolve("dogs/d2.png"), encode(noise(16, 16, BufferedImage.TYPE_INT_ARGB, 6), "png"));
        write(root.resolve("dogs/d3.JPEG"), encode(noise(24, 24, BufferedImage.TYPE_INT_RGB, 7), "jpg"));
        byte[] jpeg = encode(noise(32, 32, BufferedImage.TYPE_INT_RGB, 8), "jpg");
        write(root.resolve("dogs/trunc.jpg"), Arrays.copyOf(jpeg, jpeg.length / 2));
        write(root.resolve("dogs/notes.jpg"), "not a picture".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("dogs/readme.txt"), "ignored".getBytes(StandardCharsets.UTF_8));
        write(root.resolve("birds/b1.png"), encode(noise(16, 16, BufferedImage.TYPE_INT_RGB, 10), "png"));
        write(root.resolve("words.txt"),
                "cats\tdomestic cat\ndogs\tdog, domestic dog\nn0000\tnot present\n".getBytes(StandardCharsets.UTF_8));
        return root;
    }

    static BufferedImage grey(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 13 + y * 7) % 256);
            }
        }
        return img;
    }

    /** Zips every file under {@code root} with names relative to it, after {@code prefix}. */
    static Path zip(Path root, Path zipFile, String prefix) throws IOException {
        try (OutputStream os = Files.newOutputStream(zipFile); ZipOutputStream zip = new ZipOutputStream(os);
             Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new ZipEntry(prefix + root.relativize(p).toString().replace('\\', '/')));
                zip.write(Files.readAllBytes(p));
                zip.closeEntry();
            }
        }
        return zipFile;
    }
}
