package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.train.RunDir;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How train-tokenizer and train-prior treat a run directory that holds a run already: a new run
 * there (no {@code --resume}) is refused unless {@code --overwrite} asks to start over, which deletes
 * that run's own files ({@link RunDir#clear}) and nothing else.
 */
final class RunStart {

    static final String OVERWRITE_HELP = "Start a new run in RUN_DIR over the one there: deletes that run's own files "
            + "(train.json, checkpoint*, metrics.jsonl, previews/step-*.png) and nothing else. Without it a new run "
            + "refuses a folder that holds one.";

    private RunStart() {}

    /** Refuses, before anything is built or started, a new run over an old one without --overwrite. */
    static void check(Path out, boolean resume, boolean overwrite) throws IOException {
        if (resume && overwrite) {
            throw new IllegalArgumentException("--resume continues the run in " + out + " and --overwrite starts it over: "
                    + "give one of them");
        }
        List<String> found = resume ? List.of() : new RunDir(out).existingRunFiles();
        if (!found.isEmpty() && !overwrite) {
            throw new IllegalArgumentException(out + " already holds a training run (" + String.join(", ", found)
                    + "): continue it with --resume, or start over with --overwrite (deletes that run's files)");
        }
    }

    /**
     * With --overwrite, deletes the old run's files once the new run's settings are known to be valid;
     * refuses when one of {@code sources} (the new run's inputs, null when not given) is among them.
     */
    static void startOver(Path out, boolean overwrite, Path... sources) throws IOException {
        RunDir run = new RunDir(out);
        if (!overwrite || run.existingRunFiles().isEmpty()) {
            return;
        }
        for (Path source : sources) {
            if (source != null && run.owns(source)) {
                throw new IllegalArgumentException(source + " belongs to the run in " + out + ", which --overwrite would "
                        + "delete: copy it elsewhere first (export-model), or train into another folder");
            }
        }
        run.clear();
    }
}
