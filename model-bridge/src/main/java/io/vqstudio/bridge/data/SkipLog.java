package io.vqstudio.bridge.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Thread-safe record of files skipped because they could not be decoded: how many distinct files,
 * and the first {@value #EXAMPLES} of them with the reason, for one warning line.
 *
 * <p>A file is counted once however many epochs meet it, and {@link #contains} lets a loader skip
 * a known bad file without reading it again.
 */
public final class SkipLog {

    /** How many names the warning shows. */
    public static final int EXAMPLES = 5;

    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final List<String> examples = new ArrayList<>();

    /** Records an unreadable file; returns false when it was already recorded. */
    public boolean add(String name, String reason) {
        if (!names.add(name)) {
            return false;
        }
        synchronized (examples) {
            if (examples.size() < EXAMPLES) {
                examples.add(name + " (" + reason + ")");
            }
        }
        return true;
    }

    public boolean add(UnreadableImageException e) {
        return add(e.name(), e.reason());
    }

    public boolean contains(String name) {
        return names.contains(name);
    }

    /** Number of distinct files skipped. */
    public int count() {
        return names.size();
    }

    public boolean isEmpty() {
        return names.isEmpty();
    }

    /** The first few skipped files as {@code "name (reason)"}, in the order they were met. */
    public List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }

    /**
     * One line for the user, e.g. {@code "Skipped 3 unreadable files: a.jpg (zero bytes),
     * b.png (truncated), c.jpg (not an image)"}; empty when nothing was skipped.
     */
    public String warning() {
        return warning(count(), examples());
    }

    static String warning(int count, List<String> examples) {
        if (count == 0) {
            return "";
        }
        StringBuilder sb = new StringBuilder("Skipped ").append(count)
                .append(count == 1 ? " unreadable file: " : " unreadable files: ")
                .append(String.join(", ", examples));
        if (count > examples.size()) {
            sb.append(", ...");
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return isEmpty() ? "SkipLog[none]" : warning();
    }
}
