package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes the bytes of one image file, turning every kind of bad file into an {@link UnreadableImageException}. */
final class ImageDecoding {

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
                BufferedImage image = reader.read(0);
                // The JDK's JPEG reader fills the missing part of a truncated file with grey and
                // only warns ("Truncated File - Missing EOI marker"); a half-grey photo does more
                // harm in training than a skipped one.
                if (watch.truncated) {
                    throw new UnreadableImageException(name, "truncated");
                }
                if (image == null || image.getWidth() <= 0 || image.getHeight() <= 0) {
                    throw new UnreadableImageException(name, "empty image");
                }
                return image;
            } finally {
                reader.dispose();
            }
        } catch (UnreadableImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Decoders report damage as IIOException, but also as IndexOutOfBounds and friends.
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            String lower = why.toLowerCase(Locale.ROOT);
            boolean truncated = watch.truncated || lower.contains("eof") || lower.contains("end of")
                    || lower.contains("truncat");
            throw new UnreadableImageException(name, truncated ? "truncated" : "cannot decode: " + why, e);
        }
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
