package io.vqstudio.bridge.train;

import java.nio.file.Path;

/** How a training run ended: steps done, wall time, the last evaluation and where the checkpoint is. */
public record TrainSummary(long steps, double seconds, EvalResult eval, Path checkpoint) {

    @Override
    public String toString() {
        return String.format("%d steps in %.0f s; %s; checkpoint %s", steps, seconds,
                eval == null ? "no evaluation" : eval.toText(), checkpoint);
    }
}
