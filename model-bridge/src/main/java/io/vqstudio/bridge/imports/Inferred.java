package io.vqstudio.bridge.imports;

import java.nio.file.Path;
import java.util.List;

/**
 * A spec read off a checkpoint, with how each of its numbers was found: the lines say which
 * weight's shape or which config field gave what, and which values are assumptions (a default
 * resolution), so the import command can print them for the user to check.
 *
 * @param spec  the spec the weights fit
 * @param lines one sentence per finding, in the order they were made
 */
public record Inferred<S>(S spec, List<String> lines) {

    public Inferred {
        lines = List.copyOf(lines);
    }

    /** The findings, one per line. */
    public String explain() {
        return String.join(System.lineSeparator(), lines);
    }

    /** The model's name: the folder of a {@code <name>/checkpoints/last.ckpt} layout, else the file's stem. */
    public static String nameOf(Path file) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null && dir.getFileName() != null && dir.getFileName().toString().equals("checkpoints")
                && dir.getParent() != null && dir.getParent().getFileName() != null) {
            return dir.getParent().getFileName().toString();
        }
        String stem = abs.getFileName().toString();
        int dot = stem.lastIndexOf('.');
        return dot > 0 ? stem.substring(0, dot) : stem;
    }
}
