package io.vqstudio.bridge.train;

import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;

/**
 * A stage-1 training run: the model, its data and the loop's settings. Saved in the run directory
 * ({@code train.json}) so {@code --resume} continues exactly the same run.
 *
 * @param data               folder, zip or IDX path of the training images
 * @param validationFraction images held out (by a hash of their names) for evaluation
 * @param flip               random horizontal flips of training images
 * @param perceptualPath     the feature network for the perceptual loss (Tiny Darknet npz or TF.js
 *                           directory), or null: then the perceptual loss is off and the run says so
 * @param evalImages         validation images per evaluation (0 = all)
 * @param decoderOf          a tokenizer checkpoint whose decoder alone is trained, its encoder and
 *                           codebook frozen (so its codes, its id and its priors stay valid); null
 *                           trains the whole model from scratch
 * @param initFrom           a tokenizer checkpoint whose weights the whole model starts from (blocks
 *                           it lacks start as identities); the codes then move, so the result has a
 *                           new id and priors must follow ({@code train-prior --init-from}); null
 *                           starts from fresh weights
 */
public record TokenizerTrainSpec(TrainableTokenizerSpec model, String data, double validationFraction, boolean flip,
                                 long seed, OptimSpec optim, int batchSize, long steps, int logEvery,
                                 int evalEvery, int checkpointEvery, int previewEvery, int evalImages,
                                 String perceptualPath, int decodeThreads, String decoderOf, String initFrom) {

    public TokenizerTrainSpec {
        if (batchSize < 1 || steps < 1) {
            throw new IllegalArgumentException("batch size and steps must be positive");
        }
        if (decoderOf != null && initFrom != null) {
            throw new IllegalArgumentException("a run fine-tunes a decoder or warm-starts the whole model, not both");
        }
    }

    /** Defaults for a preset: batch 16, 5% validation, checkpoints every 500 steps. */
    public static TokenizerTrainSpec defaults(TrainableTokenizerSpec model, String data) {
        return new TokenizerTrainSpec(model, data, 0.05, true, 0L, OptimSpec.defaults(), 16, 100_000, 50,
                1000, 500, 500, 512, null, 2, null, null);
    }

    public TokenizerTrainSpec withSteps(long n) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, batchSize, n, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, initFrom);
    }

    public TokenizerTrainSpec withBatchSize(int b) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, b, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, initFrom);
    }

    public TokenizerTrainSpec withPerceptual(String path) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, path, decodeThreads, decoderOf, initFrom);
    }

    public TokenizerTrainSpec withOptim(OptimSpec o) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, o, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, initFrom);
    }

    public TokenizerTrainSpec withModel(TrainableTokenizerSpec m) {
        return new TokenizerTrainSpec(m, data, validationFraction, flip, seed, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, initFrom);
    }

    /** Fine-tunes the decoder of the tokenizer at {@code checkpoint} (see {@code decoderOf}). */
    public TokenizerTrainSpec withDecoderOf(String checkpoint) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, checkpoint, initFrom);
    }

    /** Starts the whole model from the weights of the tokenizer at {@code checkpoint} (see {@code initFrom}). */
    public TokenizerTrainSpec withInitFrom(String checkpoint) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, checkpoint);
    }

    /** Whether the run starts from another tokenizer's weights (a decoder fine-tune or a warm start). */
    public boolean warmStarted() {
        return decoderOf != null || initFrom != null;
    }

    public boolean decoderOnly() {
        return decoderOf != null;
    }

    /** Sets how often to log, evaluate, checkpoint and write previews. */
    public TokenizerTrainSpec withIntervals(int log, int eval, int checkpoint, int preview, int evalImgs) {
        return new TokenizerTrainSpec(model, data, validationFraction, flip, seed, optim, batchSize, steps, log,
                eval, checkpoint, preview, evalImgs, perceptualPath, decodeThreads, decoderOf, initFrom);
    }

    public TokenizerTrainSpec withValidation(double fraction, boolean flipImages, long seedValue) {
        return new TokenizerTrainSpec(model, data, fraction, flipImages, seedValue, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, previewEvery, evalImages, perceptualPath, decodeThreads, decoderOf, initFrom);
    }
}
