package io.vqstudio.app.service;

import io.vqstudio.bridge.api.RgbImage;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads image files for the workspace with the data pipeline's checks. Pictures above
 * {@link #MAX_PIXELS} are read subsampled so a huge file cannot exhaust memory; every image is
 * later centre-cropped and resized to the tokenizer's resolution, which {@link #squareNotice} explains.
 */
public final class ImageLoader {

    /** Larger pictures are read with subsampling (the tokenizer sees at most a few hundred pixels a side). */
    public static final long MAX_PIXELS = 16L * 1024 * 1024;

    private ImageLoader() {}

    /** @throws IOException with a message naming the file when it is missing, empty or not an image */
    public static SourceImage read(Path file) throws IOException {
        int[] size = probe(file);
        if (size == null || (long) size[0] * size[1] <= MAX_PIXELS) {
            RgbImage img = ImageFiles.read(file);
            return new SourceImage(file, img, img.width(), img.height(), "");
        }
        int step = (int) Math.ceil(Math.sqrt((double) size[0] * size[1] / MAX_PIXELS));
        BufferedImage sub = readSubsampled(file, step);
        RgbImage img = RgbImage.of(Preprocess.toRgb(sub));
        return new SourceImage(file, img, size[0], size[1], String.format(
                "%s is huge (%dx%d): read at 1/%d scale", file.getFileName(), size[0], size[1], step));
    }

    /** The model's view of {@code source}: centre square, resized to {@code resolution}. */
    public static RgbImage square(SourceImage source, int resolution) {
        return RgbImage.of(Preprocess.toRgbSquare(source.pixels().toBufferedImage(), resolution));
    }

    /** What cropping and resizing did to {@code source}, or "" when it already fit. */
    public static String squareNotice(SourceImage source, int resolution) {
        int w = source.fileWidth(), h = source.fileHeight();
        if (w == resolution && h == resolution) {
            return "";
        }
        String crop = w == h ? "" : "centre-cropped to " + Math.min(w, h) + "x" + Math.min(w, h) + " and ";
        return source.name() + " (" + w + "x" + h + ") was " + crop + "resized to " + resolution + "x" + resolution;
    }

    private static int[] probe(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return null; // let the pipeline's reader produce its clear error
            }
            ImageReader r = readers.next();
            try {
                r.setInput(in);
                return new int[] {r.getWidth(0), r.getHeight(0)};
            } catch (IOException | RuntimeException e) {
                return null;
            } finally {
                r.dispose();
            }
        }
    }

    private static BufferedImage readSubsampled(Path file, int step) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader r = ImageIO.getImageReaders(in).next();
            try {
                r.setInput(in);
                ImageReadParam p = r.getDefaultReadParam();
                p.setSourceSubsampling(step, step, 0, 0);
                return r.read(0, p);
            } catch (RuntimeException e) {
                throw new IOException(file + " could not be decoded: " + e.getMessage(), e);
            } finally {
                r.dispose();
            }
        }
    }
}
