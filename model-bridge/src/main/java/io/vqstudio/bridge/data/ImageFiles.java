package io.vqstudio.bridge.data;

import io.vqstudio.bridge.api.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Single image files for the CLI and the studio: read with the pipeline's checks, write PNG. */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads any JPEG, PNG, BMP or GIF as RGB (greyscale and alpha converted as in the pipeline).
     *
     * @throws IOException naming the file and why when it is missing, empty, truncated or not an image
     */
    public static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        return RgbImage.of(Preprocess.toRgb(ImageDecoding.decode(file.toString(), Files.readAllBytes(file))));
    }

    public static void writePng(RgbImage image, Path file) throws IOException {
        // ImageIO.write(File) deletes whatever the path names first (an empty directory included)
        // and prints a stack trace where it cannot open it: encode in memory, then write the bytes.
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory: name the .png file to write");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        try (javax.imageio.stream.ImageOutputStream out = new javax.imageio.stream.MemoryCacheImageOutputStream(png)) {
            ImageIO.write(image.toBufferedImage(), "png", out);
        }
        Files.write(file, png.toByteArray());
    }

    /**
     * Tiles images of one size into a sheet, {@code columns} per row, {@code gap} white pixels
     * between them (for figures: reconstructions, samples by class).
     */
    public static RgbImage tile(java.util.List<RgbImage> images, int columns, int gap) {
        if (images.isEmpty() || columns < 1 || gap < 0) {
            throw new IllegalArgumentException("tile needs images, columns >= 1 and gap >= 0");
        }
        int w = images.get(0).width(), h = images.get(0).height();
        int rows = (images.size() + columns - 1) / columns;
        int cols = Math.min(columns, images.size());
        int sheetW = cols * w + (cols - 1) * gap, sheetH = rows * h + (rows - 1) * gap;
        int[] px = new int[sheetW * sheetH];
        java.util.Arrays.fill(px, 0xFFFFFF);
        for (int i = 0; i < images.size(); i++) {
            RgbImage im = images.get(i);
            if (im.width() != w || im.height() != h) {
                throw new IllegalArgumentException("image " + i + " is " + im.width() + "x" + im.height() + ", not "
                        + w + "x" + h);
            }
            int x0 = (i % columns) * (w + gap), y0 = (i / columns) * (h + gap);
            int[] src = im.rgb();
            for (int y = 0; y < h; y++) {
                System.arraycopy(src, y * w, px, (y0 + y) * sheetW + x0, w);
            }
        }
        return new RgbImage(sheetW, sheetH, px);
    }
}
