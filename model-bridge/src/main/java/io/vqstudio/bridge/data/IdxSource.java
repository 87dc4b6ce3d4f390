package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * MNIST-style IDX files: {@code *-images-idx3-ubyte[.gz]} with the matching
 * {@code *-labels-idx1-ubyte[.gz]}, loaded into memory (70k MNIST images take 55 MB).
 *
 * <p>Given a folder, every image/label pair in it is read (train and t10k together; the pipeline
 * makes its own validation split). Entries are named {@code train-images#123}. Grey pixels become
 * RGB images with equal channels. Class ids are the label numbers {@code 0..max(9, largest label)}
 * in numeric order, so a subset of MNIST keeps the ten digit classes; names are the digits, or the
 * Fashion-MNIST article names when the path contains "fashion".
 */
public final class IdxSource implements ImageSource {

    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;
    private static final List<String> FASHION = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** One images file with its labels: {@code count} images of rows x cols bytes. */
    private record Part(String prefix, int rows, int cols, byte[] pixels, byte[] labels) {
        int count() {
            return labels.length;
        }
    }

    private final Path path;
    private final Map<String, Part> parts = new LinkedHashMap<>();
    private final List<ImageEntry> entries = new ArrayList<>();
    private final List<String> classes;
    private final Map<String, String> classNames;

    /**
     * @param path an images or labels IDX file, or a folder holding such pairs
     * @throws IllegalArgumentException when no images file is found, or its labels file is missing
     * @throws IOException              when a file is not valid IDX (bad magic, truncated)
     */
    public IdxSource(Path path) throws IOException {
        this.path = path.toAbsolutePath().normalize();
        for (Path images : imageFiles(this.path)) {
            Part part = load(images);
            parts.put(part.prefix(), part);
        }
        if (parts.isEmpty()) {
            throw ImageSources.noImages(this.path.toString());
        }
        int maxLabel = 0;
        for (Part p : parts.values()) {
            for (int i = 0; i < p.count(); i++) {
                int label = p.labels()[i] & 0xFF;
                maxLabel = Math.max(maxLabel, label);
                entries.add(new ImageEntry(p.prefix() + "#" + i, label));
            }
        }
        boolean fashion = this.path.toString().toLowerCase(Locale.ROOT).contains("fashion");
        List<String> ids = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (int c = 0; c <= Math.max(maxLabel, 9); c++) {
            ids.add(Integer.toString(c));
            names.put(Integer.toString(c), fashion && c < FASHION.size() ? FASHION.get(c) : Integer.toString(c));
        }
        this.classes = List.copyOf(ids);
        this.classNames = java.util.Collections.unmodifiableMap(names);
    }

    /** True for a file named like an IDX images or labels file. */
    static boolean isIdxName(String fileName) {
        return fileName.contains("-idx3-ubyte") || fileName.contains("-idx1-ubyte");
    }

    static List<Path> imageFiles(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.list(path)) {
                return files.filter(p -> p.getFileName().toString().contains("-images-idx3-ubyte"))
                        .filter(Files::isRegularFile).sorted().toList();
            }
        }
        String name = path.getFileName().toString();
        return List.of(name.contains("-labels-idx1-ubyte") ? sibling(path, "-labels-idx1-ubyte", "-images-idx3-ubyte") : path);
    }

    /** The counterpart file, with or without .gz, whichever exists. */
    private static Path sibling(Path file, String from, String to) {
        String name = file.getFileName().toString().replace(from, to);
        Path plain = file.resolveSibling(name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name);
        Path gz = file.resolveSibling(plain.getFileName() + ".gz");
        return Files.exists(plain) || !Files.exists(gz) ? plain : gz;
    }

    private static Part load(Path images) throws IOException {
        Path labels = sibling(images, "-images-idx3-ubyte", "-labels-idx1-ubyte");
        if (!Files.isRegularFile(labels)) {
            throw new IllegalArgumentException("No labels file for " + images + " (expected " + labels.getFileName() + ")");
        }
        String name = images.getFileName().toString();
        String prefix = name.substring(0, name.indexOf("-idx3-ubyte"));
        try (DataInputStream img = open(images); DataInputStream lab = open(labels)) {
            expectMagic(img, IMAGES_MAGIC, images);
            int n = img.readInt(), rows = img.readInt(), cols = img.readInt();
            expectMagic(lab, LABELS_MAGIC, labels);
            int nl = lab.readInt();
            if (n != nl || n < 0 || rows <= 0 || cols <= 0) {
                throw new IOException(images.getFileName() + " has " + n + " images of " + rows + "x" + cols
                        + " but " + labels.getFileName() + " has " + nl + " labels");
            }
            byte[] pixels = new byte[Math.multiplyExact(n, rows * cols)];
            byte[] labelBytes = new byte[n];
            try {
                img.readFully(pixels);
                lab.readFully(labelBytes);
            } catch (java.io.EOFException e) {
                throw new IOException("IDX file is truncated: " + images + " / " + labels, e);
            }
            return new Part(prefix, rows, cols, pixels, labelBytes);
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return new DataInputStream(gzip ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in);
    }

    private static void expectMagic(DataInputStream in, int magic, Path file) throws IOException {
        int got = in.readInt();
        if (got != magic) {
            throw new IOException(String.format("%s is not an IDX %s file (magic 0x%08x, expected 0x%08x)",
                    file, magic == IMAGES_MAGIC ? "images" : "labels", got, magic));
        }
    }

    @Override
    public List<ImageEntry> entries() {
        return entries;
    }

    @Override
    public BufferedImage read(ImageEntry entry) throws IOException {
        String name = entry.name();
        int hash = name.lastIndexOf('#');
        Part p = hash < 0 ? null : parts.get(name.substring(0, hash));
        if (p == null) {
            throw new IOException("No image " + name + " in " + path);
        }
        int index = Integer.parseInt(name.substring(hash + 1));
        int size = p.rows() * p.cols();
        int[] rgb = new int[size];
        for (int i = 0, off = index * size; i < size; i++) {
            int g = p.pixels()[off + i] & 0xFF;
            rgb[i] = g << 16 | g << 8 | g;
        }
        BufferedImage out = new BufferedImage(p.cols(), p.rows(), BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, p.cols(), p.rows(), rgb, 0, p.cols());
        return out;
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
        return path.toString();
    }

    @Override
    public void close() {
        // Everything is in memory.
    }
}
