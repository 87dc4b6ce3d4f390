package io.vqstudio.bridge.cli;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.ClassifierEvaluator;
import io.vqstudio.bridge.train.SampleScore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval-samples}: a classifier's accuracy on every class of a prior's samples, and their Frechet distance. */
@Command(name = "eval-samples", mixinStandardHelpOptions = true,
        description = "Sample every class of a class-conditional prior, decode the samples with the tokenizer, and "
                + "score them with a classifier from train-classifier: its accuracy on the samples per class and "
                + "overall; with --reference, also its accuracy on those real images and the Frechet distance between "
                + "samples and them in the classifier's pooled features. The prior's classes are matched to the "
                + "classifier's by name (by id where the prior has no names); those it lacks are left out, and said so.")
final class EvalSamplesCommand implements Callable<Integer> {

    /** Samples per sampling job: large batches run faster, and a job holds all of its grids. */
    static final int CHUNK = 100;
    static final int MAX_PER_CLASS = 10_000;

    @Mixin
    PriorOptions models;

    @Option(names = "--classifier", required = true, paramLabel = "C", description = "Classifier checkpoint or run directory.")
    Path classifier;

    @Option(names = "--per-class", converter = Checks.PositiveInt.class, defaultValue = "100", paramLabel = "N",
            description = "Samples per class, 1 to " + MAX_PER_CLASS + ". Default: ${DEFAULT-VALUE}")
    int perClass;

    @Option(names = "--reference", paramLabel = "DATA",
            description = "Labelled real images (folder, zip or IDX), e.g. the test set, for the distance and the "
                    + "classifier's own accuracy.")
    Path reference;

    @Option(names = "--reference-limit", converter = Checks.NonNegativeInt.class, defaultValue = "0", paramLabel = "N",
            description = "At most N reference images, drawn at random over the classes (0 = all).")
    int referenceLimit;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        if (perClass > MAX_PER_CLASS) {
            throw new IllegalArgumentException("--per-class " + perClass + " is above " + MAX_PER_CLASS);
        }
        try (VqBridge bridge = engine.startBridge()) {
            PriorInfo prior = models.open(bridge);
            int classes = prior.classNames().size();
            if (classes == 0) {
                throw new IllegalArgumentException(prior.path() + " is an unconditional prior: eval-samples scores the "
                        + "samples of each class");
            }
            String source = "the prior at " + prior.path();
            // Before minutes of sampling: a wrong classifier, classes that do not match, a bad reference path.
            JobRunner.await(bridge.submit("check classifier", ctx -> SampleScore.check(classifier, prior.classNames(),
                    classes, source, reference)), true);
            List<List<RgbImage>> samples = new ArrayList<>();
            SamplingSpec sampling = models.sampling();
            for (int cls = 0; cls < classes; cls++) {
                List<RgbImage> images = new ArrayList<>();
                for (int chunk = 0; chunk * CHUNK < perClass; chunk++) {
                    int n = Math.min(CHUNK, perClass - chunk * CHUNK);
                    SamplingSpec s = sampling.withSeed(sampling.seed() + 7919L * chunk); // another draw per chunk
                    List<TokenGrid> grids = JobRunner.await(bridge.sample(prior.priorKind(), cls, n, s), engine.json);
                    images.addAll(JobRunner.await(bridge.decode(grids), true));
                }
                samples.add(images);
                if (!engine.json) {
                    System.err.println("sampled class " + cls + " (" + prior.classNames().get(cls) + "): " + images.size());
                }
            }
            SampleScore.Report r = JobRunner.await(bridge.submit("score samples", ctx -> SampleScore.score(classifier,
                    prior.classNames(), samples, source, reference, referenceLimit, ctx)), engine.json);
            if (engine.json) {
                JsonObject o = Json.tree(r);
                o.addProperty("prior", prior.path().toString());
                o.addProperty("priorKind", prior.priorKind().toString().toLowerCase(java.util.Locale.ROOT));
                o.addProperty("perClass", perClass);
                o.add("sampling", Json.tree(sampling));
                Format.json(o);
            } else {
                System.out.print(text(r, prior));
            }
            return 0;
        }
    }

    private String text(SampleScore.Report r, PriorInfo prior) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%d samples per class of %s (%s), scored by %s (%d px, %d features); classes matched by %s%n",
                perClass, prior.path(), prior.priorKind().toString().toLowerCase(java.util.Locale.ROOT), r.classifier(),
                r.resolution(), r.featureDim(), r.matchedByName() ? "name" : "id"));
        boolean ref = reference != null;
        sb.append(String.format("%-24s %8s %9s", "class", "samples", "accuracy"))
                .append(ref ? String.format(" %10s %9s", "reference", "accuracy") : "").append(System.lineSeparator());
        List<SampleScore.ClassRow> rows = new ArrayList<>(r.classes());
        rows.add(r.overall());
        for (SampleScore.ClassRow c : rows) {
            sb.append(String.format("%-24s %8d %9s", c.name(), c.samples(),
                    ClassifierEvaluator.percent(c.accuracy())));
            if (ref) {
                sb.append(String.format(" %10d %9s", c.reference(), ClassifierEvaluator.percent(c.referenceAccuracy())));
            }
            sb.append(System.lineSeparator());
        }
        if (ref && !Double.isNaN(r.frechetDistance())) {
            sb.append(String.format("Frechet distance in the classifier's features, samples vs %d reference images: %.4f%n",
                    r.referenceImages(), r.frechetDistance()));
        }
        r.notices().forEach(n -> sb.append("notice: ").append(n).append(System.lineSeparator()));
        return sb.toString();
    }
}
