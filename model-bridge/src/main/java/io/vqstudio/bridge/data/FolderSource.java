package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Images in a folder tree, one sub-folder per class ({@code cats/a.png, dogs/b.jpg}); see
 * {@link ClassLayout} for how classes are found when all images share deeper folders. JPEG, PNG,
 * BMP and GIF files are picked up by extension, case-insensitively; hidden files are ignored.
 *
 * <p>A {@code words.txt} ({@code id<TAB>names}) in the folder or one level down names the classes.
 */
public final class FolderSource implements ImageSource {

    private final Path root;
    private final List<ImageEntry> entries;
    private final List<String> classes;
    private final Map<String, String> classNames;

    /**
     * Walks the folder once.
     *
     * @throws IllegalArgumentException when it holds no images, naming the folder
     */
    public FolderSource(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(this.root)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = relativeName(p);
                if (ImageDecoding.isImageName(rel) && !ImageDecoding.isHidden(rel)) {
                    paths.add(rel);
                }
            });
        }
        if (paths.isEmpty()) {
            throw ImageSources.noImages(this.root.toString());
        }
        Path fileName = this.root.getFileName();
        ClassLayout layout = ClassLayout.of(paths, fileName == null ? "images" : fileName.toString());
        this.entries = layout.entries;
        this.classes = layout.classes;
        this.classNames = ClassLayout.namesFor(classes, readWords());
    }

    private String relativeName(Path p) {
        return root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/");
    }

    /** words.txt at the top or one level down; the first found wins. */
    private Map<String, String> readWords() throws IOException {
        List<Path> candidates = new ArrayList<>();
        candidates.add(root.resolve("words.txt"));
        try (Stream<Path> children = Files.list(root)) {
            children.filter(Files::isDirectory).sorted().forEach(d -> candidates.add(d.resolve("words.txt")));
        }
        for (Path words : candidates) {
            if (Files.isRegularFile(words)) {
                try (InputStream in = Files.newInputStream(words)) {
                    return ClassLayout.parseWords(in, classes);
                }
            }
        }
        return Map.of();
    }

    @Override
    public List<ImageEntry> entries() {
        return entries;
    }

    @Override
    public BufferedImage read(ImageEntry entry) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(root.resolve(entry.name()));
        } catch (IOException e) {
            // A file deleted or locked since the walk is one bad file, not a broken dataset.
            throw new UnreadableImageException(entry.name(), "cannot read: " + e.getMessage(), e);
        }
        return ImageDecoding.decode(entry.name(), bytes);
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
        return root.toString();
    }

    @Override
    public void close() {
        // Nothing is held open between reads.
    }
}
