package io.vqstudio.bridge.train;

import io.vqstudio.bridge.classifier.ClassifierSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A classifier training run: labelled images, the classifier's resolution and width (its classes
 * come from the data, {@link ClassifierSpec#forData}), and the loop's settings. Saved in the run
 * directory ({@code train.json}) so {@code --resume} continues the same run.
 *
 * @param data               folder, zip or IDX path of the labelled training images
 * @param resolution         side the images are resized to, in pixels
 * @param width              channels of the first stage
 * @param validationFraction images held out (by a hash of their names) for the accuracy reported
 * @param evalImages         held-out images per evaluation (0 = all)
 * @param classes            the data's class ids to learn, relabelled 0.. in this order (the subset a
 *                           prior was trained on); empty = every class
 */
public record ClassifierTrainSpec(String data, int resolution, int width, double validationFraction, boolean flip,
                                  long seed, OptimSpec optim, int batchSize, long steps, int logEvery, int evalEvery,
                                  int checkpointEvery, int evalImages, List<String> classes) {

    public ClassifierTrainSpec {
        classes = classes == null ? List.of() : List.copyOf(classes); // runs saved before the field: every class
        if (data == null || optim == null) {
            throw new IllegalArgumentException("a classifier run needs its data and optimiser settings");
        }
        if (batchSize < 1 || steps < 1 || logEvery < 1 || evalEvery < 1 || checkpointEvery < 1 || evalImages < 0) {
            throw new IllegalArgumentException("batch size, steps and intervals must be positive");
        }
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1], got " + validationFraction);
        }
        ClassifierSpec.forData(resolution, 2, width); // the resolution and width in range
    }

    /**
     * 32 px, width 16, 5% held out, flips, batch 128, Adam at 1e-3 (warm-up 200 steps, cosine to
     * 1e-5) for 2,500 steps (between five and six epochs of Fashion-MNIST), an evaluation on every
     * held-out image and a checkpoint every 250 steps.
     */
    public static ClassifierTrainSpec defaults(String data) {
        return new ClassifierTrainSpec(data, 32, ClassifierSpec.DEFAULT_WIDTH, 0.05, true, 0L,
                OptimSpec.defaults().withLr(1e-3f, 1e-5f).withWarmup(200), 128, 2500, 12, 250, 250, 0, List.of());
    }

    public ClassifierTrainSpec withResolution(int r) {
        return new ClassifierTrainSpec(data, r, width, validationFraction, flip, seed, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withWidth(int w) {
        return new ClassifierTrainSpec(data, resolution, w, validationFraction, flip, seed, optim, batchSize, steps,
                logEvery, evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withValidation(double fraction, long s) {
        return new ClassifierTrainSpec(data, resolution, width, fraction, flip, s, optim, batchSize, steps, logEvery,
                evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withClasses(List<String> ids) {
        return new ClassifierTrainSpec(data, resolution, width, validationFraction, flip, seed, optim, batchSize, steps,
                logEvery, evalEvery, checkpointEvery, evalImages, ids);
    }

    public ClassifierTrainSpec withOptim(OptimSpec o) {
        return new ClassifierTrainSpec(data, resolution, width, validationFraction, flip, seed, o, batchSize, steps,
                logEvery, evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withBatchSize(int b) {
        return new ClassifierTrainSpec(data, resolution, width, validationFraction, flip, seed, optim, b, steps, logEvery,
                evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withSteps(long n) {
        return new ClassifierTrainSpec(data, resolution, width, validationFraction, flip, seed, optim, batchSize, n,
                logEvery, evalEvery, checkpointEvery, evalImages, classes);
    }

    public ClassifierTrainSpec withIntervals(int log, int eval, int checkpoint) {
        return new ClassifierTrainSpec(data, resolution, width, validationFraction, flip, seed, optim, batchSize, steps,
                log, eval, checkpoint, evalImages, classes);
    }

    /**
     * The spec a run in {@code runDir} trains with, by {@link RunPlan}'s rules: with {@code resume},
     * its saved spec ({@code base}'s when it saved none) with the schedule settings {@code given}
     * again; else {@code base} with them, its intervals scaled to a length given (a log line every
     * steps/200, 1 to 50; an evaluation and a checkpoint every steps/10, 10 to 500). Intervals are
     * not among the settings a classifier run takes.
     */
    public static ClassifierTrainSpec resolve(Path runDir, boolean resume, RunPlan.NewRun<ClassifierTrainSpec> base,
                                              RunPlan.Overrides given) throws IOException {
        ClassifierTrainSpec saved = resume ? RunDir.savedTrainSpec(runDir, ClassifierTrainSpec.class) : null;
        ClassifierTrainSpec from = saved != null ? saved : base.spec();
        ClassifierTrainSpec spec = from.withOptim(RunPlan.optim(from.optim(), given));
        spec = given.batchSize() == null ? spec : spec.withBatchSize(given.batchSize());
        if (given.steps() == null) {
            return spec;
        }
        spec = spec.withSteps(given.steps());
        if (saved != null) {
            return spec; // a resumed run keeps its intervals
        }
        long steps = given.steps();
        int every = (int) Math.max(10, Math.min(500, steps / 10));
        return spec.withIntervals((int) Math.max(1, Math.min(50, steps / 200)), every, every);
    }
}
