package io.vqstudio.bridge.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A checkpoint is a directory: {@code spec.json} (what the model is), weights as safetensors,
 * optional optimiser state, and a model card. It is written atomically: everything goes into a
 * temporary sibling directory that then replaces the old one by renames, so a crash mid-write
 * leaves the previous checkpoint intact.
 */
public final class CheckpointDir {

    public static final String SPEC = "spec.json";
    public static final String WEIGHTS = "model.safetensors";
    public static final String CARD = "MODEL_CARD.md";

    private CheckpointDir() {}

    /** Writes {@code dir} atomically: {@code writer} fills a fresh temporary directory. */
    public static void writeAtomically(Path dir, IoConsumer<Path> writer) throws IOException {
        Path parent = dir.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(dir.getFileName() + ".tmp");
        Path old = parent.resolve(dir.getFileName() + ".old");
        deleteTree(tmp);
        Files.createDirectories(tmp);
        writer.accept(tmp);
        deleteTree(old);
        if (Files.exists(dir)) {
            Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
        deleteTree(old);
    }

    /**
     * Resolves what a user named: a checkpoint directory, a file inside one, or a run directory
     * holding {@code checkpoint/}. Recovers a checkpoint left as {@code .old} by a crash mid-swap.
     */
    public static Path resolve(Path given) throws IOException {
        Path p = given;
        if (Files.isRegularFile(p)) {
            p = p.toAbsolutePath().getParent();
        }
        if (Files.isDirectory(p.resolve("checkpoint"))) {
            p = p.resolve("checkpoint");
        } else if (!Files.exists(p.resolve(SPEC)) && Files.isDirectory(p.resolveSibling(p.getFileName() + ".old"))) {
            p = p.resolveSibling(p.getFileName() + ".old");
        }
        if (!Files.isRegularFile(p.resolve(SPEC))) {
            throw new IOException("No checkpoint at " + given + " (expected a directory with " + SPEC + ")");
        }
        return p;
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

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
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
