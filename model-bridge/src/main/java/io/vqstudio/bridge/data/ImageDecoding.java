package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes the bytes of one image file, turning every kind of bad file into an
 * {@link UnreadableImageException}. Pixel counts are checked from the header before decoding:
 * a PNG of a few kilobytes can declare 20000 x 20000 pixels and take gigabytes once decoded.
 */
final class ImageDecoding {

    /** Images with more pixels are refused from their header ({@link ImageFiles#MAX_MEGAPIXELS}). */
    static final long MAX_PIXELS = ImageFiles.MAX_MEGAPIXELS * 1_000_000L;

    /** Images with more pixels are read subsampled; 16 Mi pixels take 64 MiB as packed RGB. */
    static final long FULL_READ_PIXELS = 16L * 1024 * 1024;

    /** A subsampled read keeps at least this many times the target side on the shorter side. */
    static final int TARGET_MARGIN = 4;

    /** File extensions the folder and zip sources pick up (lower case, no dot). */
    static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private ImageDecoding() {}

    static boolean isImageName(String name) {
        int dot = name.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * True for names a dataset should never contain: hidden files and folders, and the
     * {@code __MACOSX/._x.jpg} resource forks that macOS puts in zips.
     */
    static boolean isHidden(String path) {
        for (String part : path.split("/")) {
            if (part.startsWith(".") || part.equals("__MACOSX")) {
                return true;
            }
        }
        return false;
    }

    static BufferedImage decode(String name, byte[] bytes) throws UnreadableImageException {
        return decode(name, bytes, 0).image();
    }

    /**
     * Decodes {@code bytes}, reading the header first: an image above {@link #MAX_PIXELS} is refused
     * before any pixel is decoded, and one above {@link #FULL_READ_PIXELS} is read subsampled
     * (see {@link #subsampling}), so a small file that declares a huge picture cannot exhaust memory.
     *
     * @param targetSide the side the image will be resized to, or 0 when unknown
     */
    static DecodedImage decode(String name, byte[] bytes, int targetSide) throws UnreadableImageException {
        if (bytes.length == 0) {
            throw new UnreadableImageException(name, "zero bytes");
        }
        TruncationWatch watch = new TruncationWatch();
        // A memory-cached stream: ImageIO.read would otherwise spill to a temp file per image.
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new UnreadableImageException(name, "not an image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                reader.addIIOReadWarningListener(watch);
                int w = reader.getWidth(0), h = reader.getHeight(0); // the header only
                if (w <= 0 || h <= 0) {
                    throw new UnreadableImageException(name, "empty image");
                }
                if ((long) w * h > MAX_PIXELS) {
                    throw new UnreadableImageException(name, tooLarge(w, h));
                }
                int step = subsampling(w, h, targetSide);
                ImageReadParam param = reader.getDefaultReadParam();
                param.setSourceSubsampling(step, step, 0, 0);
                Integer cmyk = CmykJpeg.fourChannelTransform(reader);
                BufferedImage image = cmyk != null ? CmykJpeg.read(reader, param, cmyk) : reader.read(0, param);
                // The JDK's JPEG reader fills the missing part of a truncated file with grey and
                // only warns ("Truncated File - Missing EOI marker"); a half-grey photo does more
                // harm in training than a skipped one.
                if (watch.truncated) {
                    throw new UnreadableImageException(name, "truncated");
                }
                if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                    throw new UnreadableImageException(name, "empty image");
                }
                return new DecodedImage(image, w, h, step);
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (OutOfMemoryError e) {
            // The pixel limits make this rare; the failed allocation is gone once we get here, so
            // the file is skipped like any other bad one instead of ending the run.
            throw new UnreadableImageException(name, "not enough memory to decode it (give Java more with -Xmx)");
        } catch (IOException | RuntimeException e) {
            // Decoders report damage as IIOException, but also as IndexOutOfBounds and friends.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String lower = why.toLowerCase(Locale.ROOT);
            boolean truncated = watch.truncated || lower.contains("eof") || lower.contains("end of")
                    || lower.contains("truncat");
            throw new UnreadableImageException(name, truncated ? "truncated" : "cannot decode: " + why, e);
        }
    }

    /**
     * The read step for a {@code w x h} image: 1 up to {@link #FULL_READ_PIXELS}; above, at least
     * enough to bring it under that budget, and with a known target side as much as keeps
     * {@link #TARGET_MARGIN} times the target on the shorter side, so the area-average resize that
     * follows still sees several pixels per output pixel.
     */
    static int subsampling(int w, int h, int targetSide) {
        long pixels = (long) w * h;
        if (pixels <= FULL_READ_PIXELS) {
            return 1;
        }
        int budget = (int) Math.ceil(Math.sqrt((double) pixels / FULL_READ_PIXELS));
        int toTarget = targetSide > 0 ? Math.min(w, h) / (TARGET_MARGIN * targetSide) : 1;
        return Math.max(1, Math.max(budget, toTarget));
    }

    private static String tooLarge(int w, int h) {
        long mp = ((long) w * h + 999_999) / 1_000_000;
        return "too large: " + w + "x" + h + " is " + mp + " megapixels, more than the " + ImageFiles.MAX_MEGAPIXELS
                + " allowed";
    }

    private static final class TruncationWatch implements IIOReadWarningListener {
        boolean truncated;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (w.contains("eoi") || w.contains("premature end") || w.contains("truncat")) {
                truncated = true;
            }
        }
    }
}
