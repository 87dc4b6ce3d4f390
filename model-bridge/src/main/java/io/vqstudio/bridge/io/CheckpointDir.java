package io.vqstudio.bridge.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A checkpoint is a directory: {@code spec.json} (what the model is), weights as safetensors,
 * optional optimiser state, and a model card. It is written atomically: everything goes into the
 * sibling {@code DIR.tmp}, then {@code DIR} is renamed to {@code DIR.old}, {@code DIR.tmp} to
 * {@code DIR}, and {@code DIR.old} is deleted, so a crash at any point leaves a complete checkpoint.
 *
 * <p>Recovery: a crash between the two renames leaves {@code DIR.old} (complete) and {@code DIR.tmp}
 * (finished, but nothing proves it). Whoever looks for a checkpoint reads {@code DIR.old} then
 * ({@link #resolve}, {@link #readable}); the next write first renames it back to {@code DIR}
 * ({@link #recover}), so deleting {@code DIR.old} never drops the only complete copy. {@code DIR.tmp}
 * is never read: it may be a write cut short.
 */
public final class CheckpointDir {

    public static final String SPEC = "spec.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String CARD = "MODEL_CARD.md";
    /** A run directory's checkpoint; see {@code train.RunDir}. */
    public static final String IN_RUN = "checkpoint";

    private CheckpointDir() {}

    /** {@code DIR.tmp}: the swap's write in progress. */
    public static Path tmpOf(Path dir) {
        return dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".tmp");
    }

    /** {@code DIR.old}: the previous checkpoint while the swap is under way. */
    public static Path oldOf(Path dir) {
        return dir.toAbsolutePath().resolveSibling(dir.getFileName() + ".old");
    }

    /**
     * Writes {@code dir} atomically: {@code writer} fills a fresh {@code DIR.tmp}. For a place whose
     * {@code .tmp} and {@code .old} siblings are the swap's own (a run's {@code checkpoint}): stale
     * ones are deleted, after an interrupted swap has been finished. A place a user named goes
     * through {@link #writeAt} instead.
     */
    public static void writeAtomically(Path dir, IoConsumer<Path> writer) throws IOException {
        Files.createDirectories(dir.toAbsolutePath().getParent());
        Path tmp = tmpOf(dir);
        Path old = oldOf(dir);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && isComplete(old)) {
            Files.move(old, dir, StandardCopyOption.ATOMIC_MOVE); // finish the swap a crash interrupted
        }
        deleteTree(tmp);
        Files.createDirectories(tmp);
        writer.accept(tmp);
        deleteTree(old);
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /**
     * Writes a checkpoint at a place a user named (an export's target), replacing a checkpoint
     * there but nothing else: refuses when {@code dir} is a file, a link or a folder that is not a
     * checkpoint (no {@code spec.json}, or sub-folders, which a checkpoint never has), and when
     * {@code DIR.tmp} or {@code DIR.old} exist, since the swap would delete them.
     *
     * @throws IllegalArgumentException naming what is in the way; nothing has been touched then
     */
    public static void writeAt(Path dir, IoConsumer<Path> writer) throws IOException {
        if (Files.isSymbolicLink(dir) || Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; name a new folder or a checkpoint to replace");
        }
        if (Files.isDirectory(dir) && !isEmpty(dir) && !isCheckpoint(dir)) {
            throw new IllegalArgumentException(dir + " holds other things than a checkpoint; name a new or empty folder, "
                    + "or a checkpoint to replace");
        }
        for (Path sibling : new Path[] {tmpOf(dir), oldOf(dir)}) {
            if (Files.exists(sibling, LinkOption.NOFOLLOW_LINKS)) {
                throw new IllegalArgumentException(sibling + " is in the way (the replacement is written beside " + dir.getFileName()
                        + " under that name); move it away first");
            }
        }
        writeAtomically(dir, writer);
    }

    /**
     * Resolves what a user named: a checkpoint directory, a file inside one, or a run directory
     * holding {@code checkpoint/}; for a checkpoint whose swap a crash interrupted, its {@code .old}.
     */
    public static Path resolve(Path given) throws IOException {
        Path p = Files.isRegularFile(given) ? given.toAbsolutePath().getParent() : given;
        Path found = readable(p.resolve(IN_RUN));
        if (found == null) {
            found = readable(p);
        }
        if (found == null) {
            Path unfinished = Files.isDirectory(tmpOf(p.resolve(IN_RUN))) ? tmpOf(p.resolve(IN_RUN))
                    : Files.isDirectory(tmpOf(p)) ? tmpOf(p) : null;
            throw new IOException("No checkpoint at " + given + " (expected a directory with " + SPEC + ")"
                    + (unfinished == null ? "" : "; " + unfinished + " is an unfinished write and is not used"));
        }
        return found;
    }

    /**
     * Where checkpoint {@code dir} can be read: itself when it holds {@code spec.json}; its complete
     * {@code .old} when {@code dir} is missing (a crash between the swap's renames); else null.
     */
    public static Path readable(Path dir) {
        if (Files.isRegularFile(dir.resolve(SPEC))) {
            return dir;
        }
        return !Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && isComplete(oldOf(dir)) ? oldOf(dir) : null;
    }

    /**
     * Like {@link #readable}, but finishes an interrupted swap by renaming {@code DIR.old} back to
     * {@code dir} (atomically), for places whose siblings are the swap's own (a run's checkpoint);
     * where the rename is not allowed (read-only media), {@code DIR.old} is read as it is.
     */
    public static Path recover(Path dir) {
        Path found = readable(dir);
        if (found != null && !found.equals(dir)) {
            try {
                Files.move(found, dir, StandardCopyOption.ATOMIC_MOVE);
                return dir;
            } catch (IOException e) {
                return found;
            }
        }
        return found;
    }

    /** A checkpoint folder: {@code spec.json} and weights, and no sub-folders. */
    static boolean isCheckpoint(Path dir) throws IOException {
        if (!isComplete(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.noneMatch(Files::isDirectory);
        }
    }

    private static boolean isComplete(Path dir) {
        return !Files.isSymbolicLink(dir) && Files.isRegularFile(dir.resolve(SPEC)) && Files.isRegularFile(dir.resolve(WEIGHTS));
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }

    /**
     * The model card of checkpoint {@code dir}, or "" without one. Read leniently: a card is prose for
     * people, so bytes that are not UTF-8 become U+FFFD instead of refusing a valid model.
     */
    public static String readCard(Path dir) throws IOException {
        Path card = dir.resolve(CARD);
        if (!Files.isRegularFile(card)) {
            return "";
        }
        return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE)
                .decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(card))).toString();
    }

    /** Deletes {@code p} and everything under it; a link is deleted, never followed. */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    /** A consumer that may throw IOException. */
    @FunctionalInterface
    public interface IoConsumer<T> {
        void accept(T t) throws IOException;
    }
}
