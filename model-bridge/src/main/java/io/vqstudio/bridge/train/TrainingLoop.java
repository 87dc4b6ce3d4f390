package io.vqstudio.bridge.train;

import ai.djl.engine.Engine;
import io.vqstudio.bridge.core.Progress;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The loop both trainers share; each gives its model-specific half as {@link Steps}. Per step it
 * is a cancel point (a stop saves a checkpoint first, so resume loses nothing), re-seeds the engine
 * from (seed, step) so a resumed run draws the same random numbers as an uninterrupted one, takes
 * the learning rate from the schedule, and stops with a {@link Divergence} message when a value
 * stops being finite. Logging, evaluation, previews and checkpoints follow the schedule's
 * intervals, and all of them happen at the last step too. Throughput counts the steps since the
 * last log line (data loading included, evaluations, previews and checkpoints not).
 */
final class TrainingLoop {

    /** Steps in a row whose gradient was not finite (each skipped by Adam) before the run counts as diverged. */
    static final int MAX_SKIPPED = 10;

    /** The model-specific half of a run. */
    interface Steps {

        /**
         * One optimisation step at learning rate {@code lr}, the engine's random numbers just seeded
         * from (seed, step); returns the step's {@code train/...} values (with {@code train/grad_norm},
         * NaN or infinite when the update was skipped) and how many units (images, tokens) it took.
         */
        StepResult step(long step, float lr) throws IOException;

        /** Saves the run's checkpoint of {@code step}. */
        void save(long step) throws IOException;

        /** Whether held-out data exists to evaluate (and preview) on. */
        boolean canEvaluate();

        /** The held-out {@code val/...} metrics of the model at {@code step}. */
        Map<String, Double> evaluate(long step) throws IOException;

        /** Writes and reports a preview of the model at {@code step}; runs without previews do nothing. */
        default void preview(long step) throws IOException {}
    }

    /** What one step logged and how many units (images, tokens) it processed. */
    record StepResult(Map<String, Double> values, long units) {}

    /**
     * When things happen in a run of {@code steps} steps: the learning-rate schedule, the seed, the
     * intervals (previews 0: none), and the metric name of the throughput (e.g. {@code train/images_per_s}).
     */
    record Schedule(long steps, long seed, OptimSpec optim, int logEvery, int evalEvery, int checkpointEvery,
                    int previewEvery, String throughputKey) {}

    /** Where the loop ended: the step, its wall time, and the last held-out metrics (empty when none ran). */
    record Outcome(long step, double seconds, Map<String, Double> lastEval) {}

    private TrainingLoop() {}

    /**
     * Runs from {@code start} (0, or the step of the checkpoint resumed from when {@code resumed}) to
     * {@code schedule.steps()}.
     */
    static Outcome run(Schedule schedule, RunDir run, long start, boolean resumed, Steps steps, Progress progress,
                       TrainListener listener) throws IOException {
        long total = schedule.steps();
        progress.progress(start, total, "steps", resumed ? "resumed at step " + start : "");
        long step = start;
        long savedStep = resumed ? start : -1; // the checkpoint a divergence leaves to resume from (-1: none yet)
        int skippedInARow = 0;
        long windowUnits = 0, windowNanos = 0;
        Map<String, Double> lastEval = Map.of();
        long t0 = System.nanoTime();
        try (MetricsLog log = new MetricsLog(run.metricsFile(), start)) {
            while (step < total) {
                if (progress.isCancelled()) {
                    steps.save(step);
                    listener.checkpointSaved(step, run.checkpoint());
                    progress.checkCancelled();
                }
                long stepStart = System.nanoTime();
                Engine.getInstance().setRandomSeed((int) (schedule.seed() * 1_000_003L + step));
                float lr = schedule.optim().lrAt(step, total);
                StepResult r = steps.step(step, lr);
                step++;
                windowUnits += r.units();
                windowNanos += System.nanoTime() - stepStart;
                // A non-finite gradient skips one update (Adam leaves the weights alone), as mixed-precision
                // loss scaling does; a non-finite loss, or many skips in a row, means the run diverged.
                Map<String, Double> logged = new LinkedHashMap<>(r.values());
                skippedInARow = Double.isFinite(logged.getOrDefault("train/grad_norm", 0.0)) ? 0 : skippedInARow + 1;
                if (skippedInARow >= MAX_SKIPPED || logged.entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals("train/grad_norm") && !Double.isFinite(e.getValue()))) {
                    throw Divergence.at(step, "a loss or the gradient became NaN or infinite: " + logged, savedStep,
                            run.checkpoint());
                }
                boolean last = step == total;
                if (last || step % schedule.logEvery() == 0) {
                    logged.put(schedule.throughputKey(), windowUnits / (windowNanos / 1e9));
                    logged.put("train/lr", (double) lr);
                    windowUnits = 0;
                    windowNanos = 0;
                    log.write(step, logged);
                    listener.metrics(step, logged);
                }
                progress.progress(step, total, "steps", "");
                if (steps.canEvaluate() && (last || step % schedule.evalEvery() == 0)) {
                    lastEval = steps.evaluate(step);
                    log.write(step, lastEval);
                    listener.metrics(step, lastEval);
                }
                if (steps.canEvaluate() && schedule.previewEvery() > 0 && (last || step % schedule.previewEvery() == 0)) {
                    steps.preview(step);
                }
                if (last || step % schedule.checkpointEvery() == 0) {
                    steps.save(step);
                    savedStep = step;
                    listener.checkpointSaved(step, run.checkpoint());
                }
            }
        }
        return new Outcome(step, (System.nanoTime() - t0) / 1e9, lastEval);
    }
}
