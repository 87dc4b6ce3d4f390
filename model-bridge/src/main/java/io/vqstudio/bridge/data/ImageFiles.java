package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Single image files for the CLI and the studio: read with the pipeline's checks, write PNG.
 *
 * <p>Reading refuses pictures above {@link #MAX_MEGAPIXELS} from the file's header, before decoding
 * anything, and reads pictures above 16 Mi pixels subsampled: every model sees at most a few hundred
 * pixels a side, and a decompression bomb (a few kilobytes of PNG declaring 20000 x 20000 pixels)
 * must not take the JVM down.
 */
public final class ImageFiles {

    /**
     * Larger images are refused, naming the file and its size. 100 megapixels holds every camera
     * photo (a 61-megapixel full frame, a 100-megapixel medium format) and bounds a bomb's decode time.
     */
    public static final int MAX_MEGAPIXELS = 100;

    private ImageFiles() {}

    /** Whether a file's name is one of the image formats the sources pick up (JPEG, PNG, BMP, GIF), not hidden. */
    public static boolean isImageName(Path file) {
        String name = String.valueOf(file.getFileName());
        return ImageDecoding.isImageName(name) && !ImageDecoding.isHidden(name);
    }

    /**
     * Reads any JPEG (CMYK included), PNG, BMP or GIF as RGB (greyscale and alpha converted as in
     * the pipeline); above 16 Mi pixels it comes back subsampled, see {@link #decode}.
     *
     * @throws IOException naming the file and why when it is missing, empty, truncated or not an image
     */
    public static RgbImage read(Path file) throws IOException {
        return Preprocess.rgb(decode(file, 0).image());
    }

    /**
     * Decodes one file with its header size; pictures above 16 Mi pixels are read subsampled, more
     * so when {@code targetSide} (the side the picture will be resized to, 0 if unknown) allows.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is at {@code file}
     * @throws UnreadableImageException          naming the file and why it cannot be read: a directory,
     *                                           a symlink loop, no permission, too many pixels, not an image
     */
    public static DecodedImage decode(Path file, int targetSide) throws IOException {
        Path at = ImagePaths.resolve(file);
        if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS) && at.toString().indexOf(ImagePaths.REPLACEMENT) < 0) {
            throw new NoSuchFileException(file.toString());
        }
        String name = file.toString();
        return ImageDecoding.decode(name, ImagePaths.readBytes(at, name), targetSide);
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
            java.nio.IntBuffer src = im.pixelBuffer();
            for (int y = 0; y < h; y++) {
                src.get(y * w, px, (y0 + y) * sheetW + x0, w);
            }
        }
        return RgbImage.wrap(sheetW, sheetH, px);
    }
}
