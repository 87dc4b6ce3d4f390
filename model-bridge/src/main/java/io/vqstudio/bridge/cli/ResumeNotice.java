package io.vqstudio.bridge.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A resumed training run keeps what defines it; flags that would change it, given again, are ignored. */
final class ResumeNotice {

    private ResumeNotice() {}

    /**
     * Prints, if any of {@code flags} (pairs of name and value, null when not given) were given, that
     * the run in {@code out} resumes with its saved {@code kept} and ignores them.
     */
    static void ignored(Path out, String kept, Object[][] flags) {
        List<String> given = new ArrayList<>();
        for (Object[] f : flags) {
            if (f[1] != null) {
                given.add((String) f[0]);
            }
        }
        if (!given.isEmpty()) {
            System.err.println("resuming " + out + " with its saved " + kept + "; ignored: " + String.join(", ", given));
        }
    }
}
