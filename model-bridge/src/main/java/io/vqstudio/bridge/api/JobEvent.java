package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.RgbImage;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a running {@link Job} tells its subscribers. Events carry plain Java data only (never
 * NDArrays, never JavaFX types), so the app and the CLI can consume them on any thread.
 */
public sealed interface JobEvent {

    /** The job left the queue and began to run on the engine thread. */
    record Started(String job, String device) implements JobEvent {}

    /** {@code done} out of {@code total} units (steps, images, tokens); {@code total <= 0} means unknown. */
    record Progress(long done, long total, String unit, String message) implements JobEvent {
        public double fraction() {
            return total > 0 ? Math.min(1.0, (double) done / total) : -1;
        }
    }

    /** Named scalars at a training step, e.g. {@code train/rec_loss}, {@code val/psnr}. */
    record Metrics(long step, Map<String, Double> values) implements JobEvent {
        public Metrics {
            values = Map.copyOf(values);
        }
    }

    /** A picture worth showing while the job runs: a reconstruction grid, a partial sample. */
    record Preview(String label, RgbImage image) implements JobEvent {}

    /** Something the user should know that does not stop the job (a loss switched off, files skipped). */
    record Notice(String message) implements JobEvent {}

    /** A checkpoint was written (atomically) at {@code step}. */
    record CheckpointSaved(long step, Path path) implements JobEvent {}

    /** The job ended normally; its result is in {@link Job#result()}. */
    record Finished(String summary) implements JobEvent {}

    /** The job was cancelled; whatever it had saved stays, and {@code summary} says what (its last checkpoint). */
    record Cancelled(String summary) implements JobEvent {}

    /** The job failed; {@code message} is meant for a user, {@code detail} for a bug report. */
    record Failed(String message, String detail) implements JobEvent {}

    /** True for the three events after which nothing more is sent. */
    default boolean isTerminal() {
        return this instanceof Finished || this instanceof Cancelled || this instanceof Failed;
    }
}
