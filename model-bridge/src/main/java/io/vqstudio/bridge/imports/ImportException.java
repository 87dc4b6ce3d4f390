package io.vqstudio.bridge.imports;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A checkpoint (or the config beside it) that does not fit the family it is opened as: a missing
 * or unexpected weight, a shape the spec does not give, a config that disagrees with the weights, a
 * weight that is not finite. The message is one line that starts with the file name, fit to show a
 * user as it is. Used by every imported family.
 */
public final class ImportException extends IOException {

    /** Longest message kept; the rest is cut with "...". */
    static final int MAX_LENGTH = 600;

    public ImportException(Path file, String why) {
        super(oneLine((file == null ? "checkpoint" : String.valueOf(file.getFileName())) + ": " + why));
    }

    /** A refusal whose message the caller has placed (the importer names the file when it reports it). */
    public ImportException(String why) {
        super(oneLine(why));
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ");
        return flat.length() > MAX_LENGTH ? flat.substring(0, MAX_LENGTH) + "..." : flat;
    }
}
