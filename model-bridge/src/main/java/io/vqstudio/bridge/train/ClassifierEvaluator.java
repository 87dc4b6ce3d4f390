package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.classifier.ClassMatch;
import io.vqstudio.bridge.classifier.ClassScores;
import io.vqstudio.bridge.classifier.ClassifierStore;
import io.vqstudio.bridge.classifier.DatasetScore;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A classifier's accuracy on any labelled image set (e.g. a test set it never saw), per class of
 * the set and overall, the classes matched to the classifier's by name ({@link ClassMatch}).
 */
public final class ClassifierEvaluator {

    /**
     * @param classes the set's classes that have images and a counterpart in the classifier
     * @param loss    mean cross-entropy in nats over the images counted
     * @param notices what the user should know (classes the classifier lacks, files skipped)
     */
    public record Result(Path classifier, String data, List<ClassScores.Row> classes, ClassScores.Row overall, double loss,
                         List<String> notices) {

        public String toText() {
            StringBuilder sb = new StringBuilder(String.format("%-24s %8s %9s%n", "class", "images", "accuracy"));
            for (ClassScores.Row r : classes) {
                sb.append(row(r));
            }
            sb.append(row(overall)).append(String.format("mean cross-entropy %.4f nats%n", loss));
            notices.forEach(n -> sb.append("notice: ").append(n).append(System.lineSeparator()));
            return sb.toString();
        }

        private static String row(ClassScores.Row r) {
            return String.format("%-24s %8d %9s%n", r.name(), r.images(), percent(r.accuracy()));
        }
    }

    private ClassifierEvaluator() {}

    /**
     * @param validation 0: every image of {@code data}; else only the part a split at this fraction
     *                   holds out (the split {@code train-classifier --validation} made)
     * @param limit      at most this many images (0: all), drawn at random over the classes
     */
    public static Result evaluate(Path classifier, Path data, double validation, int limit, Progress progress)
            throws IOException {
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            ClassifierStore.Loaded c = ClassifierStore.load(classifier, root);
            try (ImageDataset ds = ImageDataset.open(new DataSpec(data, c.classifier().spec().resolution(), validation,
                    false, 0L))) {
                List<String> names = DatasetScore.namesOf(ds);
                ClassMatch match = ClassMatch.of(names, names.size(), c.classNames(), ds.location(), classifier);
                Split.Part part = validation > 0 ? Split.Part.VALIDATION : Split.Part.TRAIN;
                if (ds.entries(part).isEmpty()) {
                    throw new IllegalArgumentException(ds.location() + " has no " + (validation > 0
                            ? "held-out images at --validation " + validation : "images"));
                }
                DatasetScore.Result r = DatasetScore.evaluate(c.classifier(), ds, part, match, limit, null, progress, root);
                List<String> notices = new java.util.ArrayList<>();
                if (!match.notice().isEmpty()) {
                    notices.add(match.notice());
                }
                if (!ds.skipLog().isEmpty()) {
                    notices.add(ds.skipLog().warning());
                }
                List<ClassScores.Row> rows = r.scores().perClass().stream()
                        .filter(row -> match.classifierClass(row.id()) >= 0 && row.images() > 0).toList();
                return new Result(c.dir(), ds.location(), rows, r.scores().overall(), r.loss(), notices);
            }
        }
    }

    /** "91.25%", or "-" for no images. */
    public static String percent(double accuracy) {
        return Double.isNaN(accuracy) ? "-" : String.format("%.2f%%", 100 * accuracy);
    }
}
