package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Images inside a zip, read in place: the same layout rules as {@link FolderSource} applied to
 * entry names, so {@code train/<wnid>/images/*.JPEG} gives one class per wnid. A
 * {@code words.txt} at the top of the zip or one folder down names the classes; only the names of
 * classes present are kept (tiny-imagenet's covers all 82k ImageNet synsets).
 *
 * <p>{@link ZipFile} allows concurrent reads of different entries, so decode threads share it;
 * a stored (uncompressed) zip costs no more to read than a folder.
 */
public final class ZipSource implements ImageSource {

    private final Path file;
    private final ZipFile zip;
    private final Map<String, ZipEntry> byName = new HashMap<>();
    private final List<ImageEntry> entries;
    private final List<String> classes;
    private final Map<String, String> classNames;

    /** @throws IllegalArgumentException when the zip holds no images, naming it */
    public ZipSource(Path file) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.zip = new ZipFile(this.file.toFile());
        try {
            ZipEntry words = null;
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                String name = e.getName();
                if (e.isDirectory() || ImageDecoding.isHidden(name)) {
                    continue;
                }
                if (ImageDecoding.isImageName(name)) {
                    byName.put(name, e);
                } else if (isTopWords(name) && (words == null || depth(name) < depth(words.getName()))) {
                    words = e;
                }
            }
            if (byName.isEmpty()) {
                throw ImageSources.noImages(this.file.toString());
            }
            String base = this.file.getFileName().toString();
            if (base.toLowerCase(Locale.ROOT).endsWith(".zip")) {
                base = base.substring(0, base.length() - 4);
            }
            ClassLayout layout = ClassLayout.of(new ArrayList<>(byName.keySet()), base);
            this.entries = layout.entries;
            this.classes = layout.classes;
            Map<String, String> names = Map.of();
            if (words != null) {
                try (InputStream in = zip.getInputStream(words)) {
                    names = ClassLayout.parseWords(in, classes);
                }
            }
            this.classNames = ClassLayout.namesFor(classes, names);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static boolean isTopWords(String name) {
        return (name.equals("words.txt") || name.endsWith("/words.txt")) && depth(name) <= 1;
    }

    private static int depth(String name) {
        return (int) name.chars().filter(c -> c == '/').count();
    }

    @Override
    public List<ImageEntry> entries() {
        return entries;
    }

    @Override
    public BufferedImage read(ImageEntry entry) throws IOException {
        return decode(entry, 0).image();
    }

    @Override
    public DecodedImage decode(ImageEntry entry, int targetSide) throws IOException {
        ZipEntry e = byName.get(entry.name());
        if (e == null) {
            throw new IOException("No entry " + entry.name() + " in " + file);
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            // The entry's declared size may lie: read one byte past the limit and look.
            bytes = in.readNBytes((int) ImagePaths.MAX_FILE_BYTES + 1);
        } catch (ZipException | java.io.EOFException damaged) {
            // A bad CRC or a cut-off entry spoils this image only.
            throw new UnreadableImageException(entry.name(), "damaged in zip: " + damaged.getMessage(), damaged);
        }
        if (bytes.length > ImagePaths.MAX_FILE_BYTES) {
            throw new UnreadableImageException(entry.name(), "too large: more than " + (ImagePaths.MAX_FILE_BYTES >> 20)
                    + " MB unpacked");
        }
        return ImageDecoding.decode(entry.name(), bytes, targetSide);
    }

    @Override
    public List<String> classes() {
        return classes;
    }

    @Override
    public Map<String, String> classNames() {
        return classNames;
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public void close() {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only: nothing is lost if closing fails.
        }
    }
}
