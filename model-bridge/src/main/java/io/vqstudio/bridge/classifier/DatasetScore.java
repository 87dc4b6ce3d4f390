package io.vqstudio.bridge.classifier;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.data.BatchLoader;
import io.vqstudio.bridge.data.ImageBatch;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Split;
import java.util.List;

/**
 * A classifier's accuracy on a labelled data set (one part of its split), per class of the data
 * set, and the mean cross-entropy of the images whose class the classifier knows. The images are
 * read at the classifier's resolution (the data set's spec must say so), without flips.
 */
public final class DatasetScore {

    /** Receives the pooled features of each batch, (n, dim) row-major, e.g. for a Frechet distance. */
    @FunctionalInterface
    public interface FeatureSink {
        void accept(float[] rows, int dim);
    }

    /**
     * @param scores per class of the data set (only classes with a counterpart in the classifier count)
     * @param loss   mean cross-entropy in nats over the images counted
     */
    public record Result(ClassScores scores, double loss) {}

    private DatasetScore() {}

    /** The human-readable names of a data set's classes, in label order (a class without one: its id). */
    public static List<String> namesOf(ImageDataset data) {
        return data.classes().stream().map(c -> data.classNames().getOrDefault(c, c)).toList();
    }

    /**
     * @param limit at most this many images (0: all), drawn at random (the data set's seed) so that
     *              every class is represented
     * @param sink  features of every image read, counted or not (null: not wanted)
     */
    public static Result evaluate(ImageClassifier classifier, ImageDataset data, Split.Part part, ClassMatch match,
                                  int limit, FeatureSink sink, Progress progress, NDManager root) {
        int r = classifier.spec().resolution();
        if (data.spec().resolution() != r) {
            throw new IllegalArgumentException("read " + data.location() + " at " + r + " px, the classifier's resolution");
        }
        List<String> names = namesOf(data);
        ClassScores scores = new ClassScores(names);
        int total = data.entries(part).size();
        int wanted = limit > 0 ? Math.min(limit, total) : total;
        double loss = 0;
        long counted = 0, seen = 0;
        try (BatchLoader loader = BatchLoader.builder(data, part).optBatchSize(Classify.CHUNK).optShuffle(limit > 0)
                .optThreads(2).optEpochs(1).build()) {
            while (seen < wanted && loader.hasNext()) {
                progress.checkCancelled();
                ImageBatch b = loader.next();
                int n = (int) Math.min(b.size(), wanted - seen);
                float[] pixels = n == b.size() ? b.pixels() : java.util.Arrays.copyOf(b.pixels(), n * b.imageLength());
                Classify.Output out = Classify.run(classifier, pixels, n, root);
                for (int i = 0; i < n; i++) {
                    int expected = match.classifierClass(b.labels()[i]);
                    if (expected >= 0) {
                        scores.add(b.labels()[i], out.predicted(i) == expected);
                        loss += out.nll(i, expected);
                        counted++;
                    }
                }
                if (sink != null) {
                    sink.accept(out.features(), out.dim());
                }
                seen += n;
                progress.progress(seen, wanted, "images", "");
            }
        }
        return new Result(scores, counted == 0 ? Double.NaN : loss / counted);
    }
}
