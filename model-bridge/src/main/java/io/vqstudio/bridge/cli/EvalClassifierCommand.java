package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.ClassifierEvaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval-classifier}: a classifier's accuracy per class and overall on a labelled image set. */
@Command(name = "eval-classifier", mixinStandardHelpOptions = true,
        description = "Evaluate a classifier from train-classifier on labelled images (e.g. a test set it never saw): "
                + "accuracy per class and overall, and the mean cross-entropy. The set's classes are matched to the "
                + "classifier's by name; those it lacks are left out, and said so.")
final class EvalClassifierCommand implements Callable<Integer> {

    @Option(names = "--classifier", required = true, paramLabel = "C", description = "Classifier checkpoint or run directory.")
    Path classifier;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Labelled images: folder, zip or IDX.")
    Path data;

    @Option(names = "--validation", converter = Checks.Fraction.class, defaultValue = "0", paramLabel = "FRACTION",
            description = "Only the images a split at this fraction holds out, as train-classifier's --validation made "
                    + "them (default 0: every image).")
    double validation;

    @Option(names = "--limit", converter = Checks.NonNegativeInt.class, defaultValue = "0", paramLabel = "N",
            description = "At most N images, drawn at random over the classes (0 = all).")
    int limit;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            ClassifierEvaluator.Result r = JobRunner.await(bridge.submit("evaluate classifier",
                    ctx -> ClassifierEvaluator.evaluate(classifier, data, validation, limit, ctx)), engine.json);
            if (engine.json) {
                Format.json(r);
            } else {
                System.out.print(r.toText());
            }
            return 0;
        }
    }
}
