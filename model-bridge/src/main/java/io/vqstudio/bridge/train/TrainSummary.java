package io.vqstudio.bridge.train;

import java.nio.file.Path;

/**
 * How a training run ended: steps done, wall time, the last tokenizer evaluation (null for priors
 * or without held-out images), where the checkpoint is, and a one-line note (a prior's bits/token).
 */
public record TrainSummary(long steps, double seconds, EvalResult eval, Path checkpoint, String note) {

    @Override
    public String toString() {
        return String.format("%d steps in %.0f s; %s; checkpoint %s", steps, seconds,
                eval != null ? eval.toText() : note.isEmpty() ? "no evaluation" : note, checkpoint);
    }
}
