package io.vqstudio.bridge.classifier;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which class of a classifier each class of another model or data set (the source) is: by name
 * (case and surrounding spaces aside) where both have names, else by id. A source class without a
 * counterpart is left out of the scores, and {@link #notice()} says which; a source none of whose
 * classes the classifier knows is refused.
 *
 * @param toClassifier per source class id, the classifier's class id, or -1 when it has none
 * @param byName       whether the classes were matched by name (else by id)
 * @param unmatched    the names of the source classes left out
 */
public record ClassMatch(int[] toClassifier, boolean byName, List<String> unmatched) {

    public ClassMatch {
        toClassifier = toClassifier.clone();
        unmatched = List.copyOf(unmatched);
    }

    /**
     * Matches {@code sourceCount} classes named {@code sourceNames} (empty when the source has no
     * names) to the classifier's.
     *
     * @param source     what the classes come from, for messages ("the prior at runs/p")
     * @param classifier the classifier's checkpoint, for messages
     * @throws IllegalArgumentException naming both when no source class has a counterpart
     */
    public static ClassMatch of(List<String> sourceNames, int sourceCount, List<String> classifierNames, String source,
                                Path classifier) {
        boolean byName = !sourceNames.isEmpty() && !classifierNames.isEmpty();
        int[] to = new int[sourceCount];
        Arrays.fill(to, -1);
        List<String> unmatched = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = classifierNames.size() - 1; i >= 0; i--) {
            index.put(key(classifierNames.get(i)), i);
        }
        int matched = 0;
        for (int i = 0; i < sourceCount; i++) {
            String name = i < sourceNames.size() ? sourceNames.get(i) : Integer.toString(i);
            Integer at = byName ? index.get(key(name)) : i < classifierNames.size() ? Integer.valueOf(i) : null;
            if (at == null) {
                unmatched.add(name);
            } else {
                to[i] = at;
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(classifier + " classifies " + list(classifierNames) + ", but none of the "
                    + sourceCount + " classes of " + source + " " + (byName ? "(" + list(sourceNames) + ") is one of them by name"
                    : "has a class id below " + classifierNames.size()));
        }
        return new ClassMatch(to, byName, unmatched);
    }

    /** The classifier's class for source class {@code id}, or -1. */
    public int classifierClass(int id) {
        return id >= 0 && id < toClassifier.length ? toClassifier[id] : -1;
    }

    /** What the user should know about the match: "" when every source class has its counterpart. */
    public String notice() {
        if (unmatched.isEmpty()) {
            return "";
        }
        return unmatched.size() + " of " + toClassifier.length + " classes have no counterpart " + (byName ? "by name" : "by id")
                + " in the classifier and are left out of the scores: " + list(unmatched);
    }

    private static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** At most a dozen names, quoted, then how many more. */
    static String list(List<String> names) {
        int shown = Math.min(names.size(), 12);
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < shown; i++) {
            sb.append(i > 0 ? ", " : "").append('\'').append(names.get(i)).append('\'');
        }
        if (names.size() > shown) {
            sb.append(", and ").append(names.size() - shown).append(" more");
        }
        return sb.append(']').toString();
    }
}
