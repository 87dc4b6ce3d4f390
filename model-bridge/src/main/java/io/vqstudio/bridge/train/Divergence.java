package io.vqstudio.bridge.train;

import java.nio.file.Path;

/**
 * The error of a run stopped because a loss became NaN or infinite. It names a checkpoint only when
 * one exists for this run (saved by it, or the one it resumed from), with its step, so the user
 * knows what is left to resume from; a run that diverged before its first checkpoint says so.
 */
final class Divergence {

    private Divergence() {}

    /**
     * @param step       the step whose loss was not finite
     * @param detail     the values seen, e.g. "loss NaN"
     * @param savedStep  step of the last checkpoint of this run, or -1 when none exists
     * @param checkpoint where that checkpoint lives
     */
    static IllegalStateException at(long step, String detail, long savedStep, Path checkpoint) {
        String kept = savedStep < 0 ? "No checkpoint was saved before it."
                : "The last checkpoint, of step " + savedStep + ", is kept in " + checkpoint + ".";
        return new IllegalStateException("Training diverged at step " + step + " (" + detail + "): lower the learning "
                + "rate. " + kept);
    }
}
