package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.RgbImage;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a training run reports besides progress and notices (which go through
 * {@link io.vqstudio.bridge.core.Progress}): logged metrics, preview pictures and saved checkpoints.
 * The facade turns these into job events; a test or a script can ignore them ({@link #NONE}) or
 * collect them. Every method has a no-op default, so a listener names only what it wants.
 */
public interface TrainListener {

    /** Ignores every report. */
    TrainListener NONE = new TrainListener() {};

    /** Named scalars at {@code step}, as written to the run's metrics log ({@code train/...}, {@code val/...}). */
    default void metrics(long step, Map<String, Double> values) {}

    /** A picture worth showing while the run goes on, already saved in the run directory. */
    default void preview(String label, RgbImage image) {}

    /** A checkpoint of {@code step} was written (atomically) to {@code checkpoint}. */
    default void checkpointSaved(long step, Path checkpoint) {}
}
