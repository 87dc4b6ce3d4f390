package io.vqstudio.bridge.taming;

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
}
