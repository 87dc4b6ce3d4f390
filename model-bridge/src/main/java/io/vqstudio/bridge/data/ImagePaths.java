package io.vqstudio.bridge.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The file-system side of reading an image: says why a path cannot be read (a directory, a
 * symlink loop, a broken link, a pipe, no permission, far too big) instead of "file not found",
 * and finds files whose names are not valid in the system's file-name encoding.
 */
final class ImagePaths {

    /** Files larger than this are refused before reading: a 100-megapixel photo is well under it. */
    static final long MAX_FILE_BYTES = 512L << 20;

    /** What the JVM puts in a file name for bytes that are not valid in {@code sun.jnu.encoding}. */
    static final char REPLACEMENT = '\uFFFD';

    private static final int MAX_LINK_HOPS = 40; // Linux's own limit

    private ImagePaths() {}

    /**
     * The bytes of an image file.
     *
     * @param name the file's name for messages
     * @throws UnreadableImageException naming the file and why it cannot be read, including when it is missing
     */
    static byte[] readBytes(Path file, String name) throws UnreadableImageException {
        String problem = problem(file);
        if (problem != null) {
            throw new UnreadableImageException(name, problem);
        }
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new UnreadableImageException(name, "too large: " + (size >> 20) + " MB on disk, more than the "
                        + (MAX_FILE_BYTES >> 20) + " MB allowed");
            }
            return Files.readAllBytes(file);
        } catch (AccessDeniedException e) {
            throw new UnreadableImageException(name, "permission denied", e);
        } catch (FileSystemException e) {
            throw new UnreadableImageException(name, "cannot read: " + (e.getReason() == null ? e : e.getReason()), e);
        } catch (IOException e) {
            throw new UnreadableImageException(name, "cannot read: " + e.getMessage(), e);
        }
    }

    /** Why {@code file} cannot be read as an image, or null when it is a readable regular file. */
    static String problem(Path file) {
        if (Files.isDirectory(file)) {
            return "is a directory, not an image";
        }
        if (!Files.exists(file)) {
            if (!Files.isSymbolicLink(file)) {
                return file.getFileName() != null && file.getFileName().toString().indexOf(REPLACEMENT) >= 0
                        ? "no such file; its name has bytes that are not valid " + System.getProperty("sun.jnu.encoding")
                        + ", which Java cannot pass on: rename it"
                        : "no such file";
            }
            if (isLinkLoop(file)) {
                return "is a symlink loop: too many levels of symbolic links";
            }
            try {
                return "is a broken symbolic link to " + Files.readSymbolicLink(file);
            } catch (IOException e) {
                return "is a broken symbolic link";
            }
        }
        if (!Files.isRegularFile(file)) {
            return "is a pipe or a device, not a regular file"; // reading a pipe would wait forever
        }
        if (!Files.isReadable(file)) {
            return "permission denied";
        }
        return null;
    }

    /** True when following {@code link} comes back to a link already seen, or takes more hops than the system allows. */
    static boolean isLinkLoop(Path link) {
        Set<Path> seen = new HashSet<>();
        Path p = link.toAbsolutePath();
        try {
            for (int hops = 0; hops < MAX_LINK_HOPS && Files.isSymbolicLink(p); hops++) {
                if (!seen.add(p)) {
                    return true;
                }
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            }
            if (Files.isSymbolicLink(p)) {
                return true;
            }
        } catch (IOException | SecurityException e) {
            return false;
        }
        // A loop through a linked folder higher up: ask the system.
        try {
            Files.readAttributes(link, java.nio.file.attribute.BasicFileAttributes.class);
            return false;
        } catch (FileSystemException e) {
            return String.valueOf(e.getReason()).contains("symbolic link");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * {@code file} itself when it exists; otherwise, for each part of it that holds
     * {@link #REPLACEMENT} (a name whose bytes the JVM could not decode, as it reads the command
     * line), the one entry of its folder whose name reads the same. Java cannot turn such a name
     * back into its bytes, but the folder listing holds them.
     */
    static Path resolve(Path file) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || file.toString().indexOf(REPLACEMENT) < 0) {
            return file;
        }
        Path at = file.getRoot();
        for (Path part : file) {
            Path next = at == null ? part : at.resolve(part);
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS) && part.toString().indexOf(REPLACEMENT) >= 0) {
                List<Path> same;
                try (Stream<Path> list = Files.list(at == null ? Path.of("") : at)) {
                    same = list.filter(p -> p.getFileName().toString().equals(part.toString())).limit(2).toList();
                } catch (IOException | RuntimeException e) {
                    return file;
                }
                if (same.size() != 1) {
                    return file;
                }
                next = same.get(0);
            }
            at = next;
        }
        return at;
    }
}
