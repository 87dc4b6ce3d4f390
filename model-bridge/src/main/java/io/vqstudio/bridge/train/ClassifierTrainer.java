package io.vqstudio.bridge.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.classifier.ClassMatch;
import io.vqstudio.bridge.classifier.ClassifierSpec;
import io.vqstudio.bridge.classifier.ClassifierStore;
import io.vqstudio.bridge.classifier.DatasetScore;
import io.vqstudio.bridge.classifier.ImageClassifier;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.data.BatchLoader;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageBatch;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains an image classifier ({@link ImageClassifier}) on labelled images with the trainers'
 * conventions ({@link TrainingLoop}): our Adam with warm-up and cosine decay, a sub-manager and
 * scope per step, (seed, step)-seeded randomness and data order for exact resume, atomic
 * checkpoints with the class names beside the weights, JSONL metrics with the held-out accuracy.
 */
public final class ClassifierTrainer {

    /**
     * How a run ended.
     *
     * @param accuracy held-out accuracy at the last step (NaN without held-out images)
     * @param loss     held-out mean cross-entropy in nats
     */
    public record Summary(long steps, double seconds, double accuracy, double loss, long heldOut, List<String> classes,
                          Path checkpoint) {
        @Override
        public String toString() {
            return String.format("%d steps in %.0f s; %s; checkpoint %s", steps, seconds, heldOut == 0
                    ? "no held-out images" : String.format("held-out accuracy %.2f%% (%d images, %d classes), loss %.4f",
                    100 * accuracy, heldOut, classes.size(), loss), checkpoint);
        }
    }

    private final ClassifierTrainSpec spec;
    private final RunDir run;
    private final Progress progress;
    private final TrainListener listener;

    /** A run into {@code runDir}, reporting steps and notices to {@code progress} (a cancel point each step). */
    public ClassifierTrainer(ClassifierTrainSpec spec, Path runDir, Progress progress, TrainListener listener) {
        this.spec = spec;
        this.run = new RunDir(runDir);
        this.progress = progress;
        this.listener = listener;
    }

    /**
     * Runs to {@code spec.steps()} (from the last checkpoint when resuming; a new run refuses a
     * directory that holds one already).
     */
    public Summary train(boolean resume) throws IOException {
        if (!resume) {
            run.requireNoRun();
        }
        DataSpec data = new DataSpec(Path.of(spec.data()), spec.resolution(), spec.validationFraction(), spec.flip(),
                spec.seed()).withClasses(spec.classes());
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device());
             ImageDataset dataset = ImageDataset.open(data)) {
            if (dataset.train().isEmpty()) {
                throw new IllegalArgumentException(dataset.location() + " leaves no training images at "
                        + spec.validationFraction() + " held out");
            }
            List<String> names = DatasetScore.namesOf(dataset);
            if (names.size() < 2) {
                throw new IllegalArgumentException(dataset.location() + " has " + names.size()
                        + " class: a classifier needs images of at least two classes");
            }
            ClassifierSpec model = ClassifierSpec.forData(spec.resolution(), names.size(), spec.width());
            Engine.getInstance().setRandomSeed((int) spec.seed()); // the same initial weights on every start
            ImageClassifier classifier = ClassifierStore.build(root, model);
            try (Adam opt = new Adam(spec.optim(), classifier.parameters(), root)) {
                long start = resume ? run.restoreClassifier(classifier, opt, names) : 0;
                run.writeTrainSpec(spec);
                return loop(root, dataset, classifier, opt, names, start, resume);
            }
        }
    }

    private Summary loop(NDManager root, ImageDataset dataset, ImageClassifier classifier, Adam opt, List<String> names,
                         long start, boolean resumed) throws IOException {
        boolean canEvaluate = !dataset.validation().isEmpty();
        if (!canEvaluate) {
            progress.notice("No images are held out for validation: the run reports no accuracy.");
        }
        ClassMatch same = ClassMatch.of(names, names.size(), names, dataset.location(), run.checkpoint());
        DatasetScore.Result[] last = {null};
        TrainingLoop.Outcome end;
        try (BatchLoader loader = BatchLoader.builder(dataset, Split.Part.TRAIN).optBatchSize(spec.batchSize())
                .optShuffle(true).optSeed(spec.seed()).optThreads(2).optForever()
                .optStartAt(start * spec.batchSize()).build()) {
            end = TrainingLoop.run(schedule(), run, start, resumed, new TrainingLoop.Steps() {
                @Override
                public TrainingLoop.StepResult step(long step, float lr) {
                    ImageBatch b = loader.next();
                    Map<String, Double> m = new LinkedHashMap<>();
                    try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                        NDArray x = sm.create(b.pixels(), new Shape(b.size(), 3, b.resolution(), b.resolution()));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray logits = classifier.logits(x);                              // (B, K)
                            NDArray loss = ImageClassifier.crossEntropy(logits, b.labels());
                            gc.backward(loss);
                            m.put("train/loss", (double) loss.getFloat());
                            m.put("train/accuracy", accuracy(logits.argMax(1).toType(ai.djl.ndarray.types.DataType.INT32,
                                    false).toIntArray(), b.labels()));
                        }
                        m.put("train/grad_norm", opt.step(lr));
                    }
                    return new TrainingLoop.StepResult(m, b.size());
                }

                @Override
                public void save(long step) throws IOException {
                    run.saveClassifier(classifier, opt, names, spec, step);
                }

                @Override
                public boolean canEvaluate() {
                    return canEvaluate;
                }

                @Override
                public Map<String, Double> evaluate(long step) {
                    last[0] = heldOut(classifier, dataset, same, root, Progress.counting((done, total) -> progress.progress(
                            step, spec.steps(), "steps", "evaluating step " + step + ": " + done + " / " + total
                                    + " held-out images")));
                    Map<String, Double> v = new LinkedHashMap<>();
                    v.put("val/accuracy", last[0].scores().overall().accuracy());
                    v.put("val/loss", last[0].loss());
                    return v;
                }
            }, progress, listener);
        }
        if (!dataset.skipLog().isEmpty()) {
            progress.notice(dataset.skipLog().warning());
        }
        if (last[0] == null && canEvaluate) { // resumed at its last step: nothing ran, the summary still reports
            last[0] = heldOut(classifier, dataset, same, root, Progress.NONE);
        }
        DatasetScore.Result r = last[0];
        return new Summary(end.step(), end.seconds(), r == null ? Double.NaN : r.scores().overall().accuracy(),
                r == null ? Double.NaN : r.loss(), r == null ? 0 : r.scores().overall().images(), names, run.checkpoint());
    }

    /** The held-out evaluation; never cancelled inside: the loop stops (and saves) at the next step boundary. */
    private DatasetScore.Result heldOut(ImageClassifier classifier, ImageDataset dataset, ClassMatch same, NDManager root,
                                        Progress shown) {
        return DatasetScore.evaluate(classifier, dataset, Split.Part.VALIDATION, same, spec.evalImages(), null, shown, root);
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    private TrainingLoop.Schedule schedule() {
        return new TrainingLoop.Schedule(spec.steps(), spec.seed(), spec.optim(), spec.logEvery(), spec.evalEvery(),
                spec.checkpointEvery(), 0, "train/images_per_s");
    }
}
