package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Images in a folder tree, one sub-folder per class ({@code cats/a.png, dogs/b.jpg}); see
 * {@link ClassLayout} for how classes are found when all images share deeper folders. JPEG, PNG,
 * BMP and GIF files are picked up by extension, case-insensitively; hidden files are ignored.
 * Symbolically linked folders and files are followed.
 *
 * <p>A {@code words.txt} ({@code id<TAB>names}) in the folder or one level down names the classes.
 */
public final class FolderSource implements ImageSource {

    private final Path root;
    private final List<ImageEntry> entries;
    private final List<String> classes;
    private final Map<String, String> classNames;
    private final Map<String, Path> undecodable = new HashMap<>();

    /**
     * Walks the folder once, following symbolic links (a class folder linked in from elsewhere is
     * a class); a link back to a folder above it is not followed again.
     *
     * @throws IllegalArgumentException when it holds no images, naming the folder
     */
    public FolderSource(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        List<String> paths = new ArrayList<>();
        Files.walkFileTree(this.root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(FolderSource.this.root) && ImageDecoding.isHidden(dir.getFileName().toString())
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
                // Not only regular files: a broken link or a pipe named like an image is listed, and
                // reading it says what it is, so the user hears of it.
                if (!attrs.isDirectory()) {
                    add(p, paths);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path p, IOException e) throws IOException {
                if (e instanceof FileSystemLoopException) {
                    return FileVisitResult.CONTINUE; // its images are listed once, under the folder it loops to
                }
                throw e;
            }
        });
        if (paths.isEmpty()) {
            throw ImageSources.noImages(this.root.toString());
        }
        Path fileName = this.root.getFileName();
        ClassLayout layout = ClassLayout.of(paths, fileName == null ? "images" : fileName.toString());
        this.entries = layout.entries;
        this.classes = layout.classes;
        this.classNames = ClassLayout.namesFor(classes, readWords());
    }

    private void add(Path p, List<String> paths) {
        String rel = relativeName(p);
        if (ImageDecoding.isImageName(rel) && !ImageDecoding.isHidden(rel)) {
            paths.add(rel);
            if (rel.indexOf(ImagePaths.REPLACEMENT) >= 0) {
                // A name that is not valid in the system's encoding: only the listed path holds its bytes.
                undecodable.put(rel, p);
            }
        }
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
        return decode(entry, 0).image();
    }

    @Override
    public DecodedImage decode(ImageEntry entry, int targetSide) throws IOException {
        // A file deleted, locked or replaced since the walk is one bad file, not a broken dataset.
        Path file = undecodable.getOrDefault(entry.name(), root.resolve(entry.name()));
        return ImageDecoding.decode(entry.name(), ImagePaths.readBytes(file, entry.name()), targetSide);
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
