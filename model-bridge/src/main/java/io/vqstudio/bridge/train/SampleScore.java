package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.classifier.ClassMatch;
import io.vqstudio.bridge.classifier.ClassScores;
import io.vqstudio.bridge.classifier.ClassifierStore;
import io.vqstudio.bridge.classifier.Classify;
import io.vqstudio.bridge.classifier.DatasetScore;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.metrics.FrechetDistance;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The classification accuracy score of a class-conditional generator (Ravuri and Vinyals 2019
 * measure it the other way round, a classifier trained on samples; here, as in their companion
 * "accuracy of a pretrained classifier on samples", a classifier trained on real images judges the
 * samples): per class of the prior, the share of its samples the classifier puts in that class.
 * Beside it, for comparison, the classifier's accuracy on real reference images, and the Frechet
 * distance between samples and reference images in the classifier's pooled features (not FID: its
 * values depend on this classifier and compare only runs scored with it).
 */
public final class SampleScore {

    /**
     * One class of the prior, or the total (id -1).
     *
     * @param classifierClass the classifier's class its samples should land in (-1: none, left out)
     * @param reference       reference images of that class the classifier scored (0 without a reference)
     * @param referenceAccuracy the classifier's accuracy on them (NaN without)
     */
    public record ClassRow(int id, String name, int classifierClass, long samples, long correct, double accuracy,
                           long reference, double referenceAccuracy) {}

    /**
     * @param frechetDistance samples against reference images in the classifier's features (NaN without a reference)
     * @param notices         what the user should know: classes left out, a distance that could not be taken
     */
    public record Report(Path classifier, int resolution, int featureDim, boolean matchedByName, List<ClassRow> classes,
                         ClassRow overall, long referenceImages, double frechetDistance, List<String> notices) {}

    private SampleScore() {}

    /**
     * What {@link #score} will find wrong, found before any sample is drawn: loads the classifier,
     * matches the prior's classes to its own (the match is returned), and opens the reference images.
     *
     * @throws IOException or IllegalArgumentException naming the file at fault
     */
    public static ClassMatch check(Path classifierPath, List<String> classNames, int classes, String source, Path reference)
            throws IOException {
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            ClassifierStore.Loaded c = ClassifierStore.load(classifierPath, root);
            ClassMatch match = ClassMatch.of(classNames, classes, c.classNames(), source, classifierPath);
            if (reference != null) {
                try (ImageDataset ref = ImageDataset.open(new DataSpec(reference, c.classifier().spec().resolution(), 0,
                        false, 0L))) {
                    List<String> refNames = DatasetScore.namesOf(ref);
                    ClassMatch.of(refNames, refNames.size(), c.classNames(), ref.location(), classifierPath);
                }
            }
            return match;
        }
    }

    /**
     * Scores {@code samples} (per class id of the prior, any size: they are resized to the
     * classifier's resolution) with the classifier at {@code classifierPath}.
     *
     * @param classNames     the prior's class names (empty when it has none: classes are then matched by id)
     * @param source         the prior, for messages
     * @param reference      labelled real images (folder, zip or IDX), or null
     * @param referenceLimit at most this many reference images (0: all), drawn at random over the classes
     */
    public static Report score(Path classifierPath, List<String> classNames, List<List<RgbImage>> samples, String source,
                               Path reference, int referenceLimit, Progress progress) throws IOException {
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            ClassifierStore.Loaded c = ClassifierStore.load(classifierPath, root);
            int r = c.classifier().spec().resolution();
            ClassMatch match = ClassMatch.of(classNames, samples.size(), c.classNames(), source, classifierPath);
            List<String> notices = new ArrayList<>();
            if (!match.notice().isEmpty()) {
                notices.add(source + ": " + match.notice());
            }
            List<String> names = new ArrayList<>();
            for (int i = 0; i < samples.size(); i++) {
                names.add(i < classNames.size() ? classNames.get(i) : Integer.toString(i));
            }
            ClassScores onSamples = new ClassScores(names);
            FrechetDistance fd = new FrechetDistance();
            for (int i = 0; i < samples.size(); i++) {
                List<RgbImage> images = samples.get(i);
                float[] pixels = new float[images.size() * 3 * r * r];
                for (int j = 0; j < images.size(); j++) {
                    System.arraycopy(Preprocess.toTensor(images.get(j), r, false), 0, pixels, j * 3 * r * r, 3 * r * r);
                }
                Classify.Output out = Classify.run(c.classifier(), pixels, images.size(), root);
                fd.addGenerated(out.features(), out.dim());
                int expected = match.classifierClass(i);
                for (int j = 0; j < images.size() && expected >= 0; j++) {
                    onSamples.add(i, out.predicted(j) == expected);
                }
                progress.checkCancelled();
            }
            ClassScores.Row[] refByClassifierClass = new ClassScores.Row[c.classNames().size()];
            long referenceImages = 0;
            ClassScores.Row refOverall = null;
            double distance = Double.NaN;
            if (reference != null) {
                try (ImageDataset ref = ImageDataset.open(new DataSpec(reference, r, 0, false, 0L))) {
                    List<String> refNames = DatasetScore.namesOf(ref);
                    ClassMatch refMatch = ClassMatch.of(refNames, refNames.size(), c.classNames(), ref.location(),
                            classifierPath);
                    if (!refMatch.notice().isEmpty()) {
                        notices.add(ref.location() + ": " + refMatch.notice());
                    }
                    DatasetScore.Result rr = DatasetScore.evaluate(c.classifier(), ref, Split.Part.TRAIN, refMatch,
                            referenceLimit, fd::addReal, progress, root);
                    for (ClassScores.Row row : rr.scores().perClass()) {
                        int k = refMatch.classifierClass(row.id());
                        if (k >= 0 && refByClassifierClass[k] == null) {
                            refByClassifierClass[k] = row;
                        }
                    }
                    refOverall = rr.scores().overall();
                    referenceImages = refOverall.images();
                }
                if (referenceImages >= 2 && samples.stream().mapToLong(List::size).sum() >= 2) {
                    distance = fd.distance();
                } else {
                    notices.add("too few images for a Frechet distance (2 of each set at least)");
                }
            }
            List<ClassRow> rows = new ArrayList<>();
            for (ClassScores.Row s : onSamples.perClass()) {
                int k = match.classifierClass(s.id());
                ClassScores.Row ref = k >= 0 ? refByClassifierClass[k] : null;
                rows.add(new ClassRow(s.id(), s.name(), k, s.images(), s.correct(), s.accuracy(),
                        ref == null ? 0 : ref.images(), ref == null ? Double.NaN : ref.accuracy()));
            }
            ClassScores.Row all = onSamples.overall();
            ClassRow overall = new ClassRow(-1, "overall", -1, all.images(), all.correct(), all.accuracy(), referenceImages,
                    refOverall == null ? Double.NaN : refOverall.accuracy());
            return new Report(c.dir(), r, c.classifier().spec().featureDim(), match.byName(), rows, overall,
                    referenceImages, distance, notices);
        }
    }
}
