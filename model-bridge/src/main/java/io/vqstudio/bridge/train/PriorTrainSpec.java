package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.PriorKind;

/**
 * A stage-2 training run: a token file (from {@code tokenize}), the prior's kind and preset, and
 * the loop's settings. Saved in the run directory ({@code train.json}) so {@code --resume}
 * continues the same run.
 *
 * @param labelDropout rate at which the class is replaced by "no class" (classifier-free guidance)
 * @param evalRecords  validation grids per evaluation (0 = all)
 * @param initFrom     a prior checkpoint whose weights a new run starts from (null: fresh weights),
 *                     e.g. to move a prior onto the codes of a retrained tokenizer; the schedule and
 *                     the optimizer start again
 */
public record PriorTrainSpec(String tokens, PriorKind kind, String preset, OptimSpec optim, int batchSize, long steps,
                             float labelDropout, int logEvery, int evalEvery, int checkpointEvery, int evalRecords,
                             long seed, String initFrom) {

    public PriorTrainSpec {
        if (batchSize < 1 || steps < 1 || labelDropout < 0 || labelDropout > 1) {
            throw new IllegalArgumentException("invalid prior training spec");
        }
    }

    /** Batch 32, label dropout 0.1, lr 5e-4 (warm-up 500, cosine to 1e-4), checkpoints every 500 steps. */
    public static PriorTrainSpec defaults(String tokens, PriorKind kind, String preset) {
        return new PriorTrainSpec(tokens, kind, preset, OptimSpec.defaults().withLr(5e-4f, 1e-4f).withWarmup(500),
                32, 20_000, 0.1f, 50, 1000, 500, 1024, 0L, null);
    }

    public PriorTrainSpec withTokens(String file) {
        return new PriorTrainSpec(file, kind, preset, optim, batchSize, steps, labelDropout, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, initFrom);
    }

    public PriorTrainSpec withSteps(long n) {
        return new PriorTrainSpec(tokens, kind, preset, optim, batchSize, n, labelDropout, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, initFrom);
    }

    public PriorTrainSpec withBatchSize(int b) {
        return new PriorTrainSpec(tokens, kind, preset, optim, b, steps, labelDropout, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, initFrom);
    }

    public PriorTrainSpec withOptim(OptimSpec o) {
        return new PriorTrainSpec(tokens, kind, preset, o, batchSize, steps, labelDropout, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, initFrom);
    }

    public PriorTrainSpec withIntervals(int log, int eval, int checkpoint, int records) {
        return new PriorTrainSpec(tokens, kind, preset, optim, batchSize, steps, labelDropout, log, eval, checkpoint,
                records, seed, initFrom);
    }

    public PriorTrainSpec withLabelDropout(float p) {
        return new PriorTrainSpec(tokens, kind, preset, optim, batchSize, steps, p, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, initFrom);
    }

    public PriorTrainSpec withInitFrom(String checkpoint) {
        return new PriorTrainSpec(tokens, kind, preset, optim, batchSize, steps, labelDropout, logEvery, evalEvery,
                checkpointEvery, evalRecords, seed, checkpoint);
    }
}
