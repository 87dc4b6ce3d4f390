package io.vqstudio.bridge.train;

import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestBridge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.metrics.ImageMetrics;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TokenizerTrainerTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @TempDir
    Path tmp;

    /** vit-tiny on 8 generated 16x16 images, no GAN, no perceptual network, nothing held out. */
    private TokenizerTrainSpec tinySpec(Path data, long steps) {
        TrainableTokenizerSpec model = Families.tokenizerPreset("vit-tiny");
        model = model.withLoss(model.loss().withAdversarial(0));
        return TokenizerTrainSpec.defaults(model, data.toString())
                .withValidation(0.0, false, 1)
                .withOptim(OptimSpec.defaults().withLr(3e-3f, 1e-3f).withWarmup(20))
                .withBatchSize(8).withSteps(steps).withIntervals(10, 100_000, 100_000, 100_000, 0);
    }

    @Test
    void aTinyTokenizerOverfitsEightImagesAbove25dB() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 1);
        engine.bridge().trainTokenizer(tinySpec(data, 400), tmp.resolve("run"), false).result().get(300, TimeUnit.SECONDS);
        // Reconstruct the training images through the api, as a user would.
        List<RgbImage> images = readImages(data);
        engine.bridge().openTokenizer(tmp.resolve("run")).result().get(60, TimeUnit.SECONDS);
        List<RgbImage> rec = engine.bridge().decode(engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS))
                .result().get(60, TimeUnit.SECONDS);
        double psnr = 0;
        for (int i = 0; i < images.size(); i++) {
            psnr += ImageMetrics.psnr(Preprocess.toTensor(images.get(i).toBufferedImage(), 16, false),
                    Preprocess.toTensor(rec.get(i).toBufferedImage(), 16, false)) / images.size();
        }
        assertThat(psnr).isGreaterThan(25.0);
        List<String> lines = Files.readAllLines(tmp.resolve("run/metrics.jsonl"));
        double first = rec(lines.get(0)), last = rec(lines.get(lines.size() - 2));
        assertThat(last).isLessThan(first / 10);
    }

    @Test
    void aDecoderFineTuneWithADeeperDecoderKeepsTheCodesAndTheIdAndLowersTheReconstructionError() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 4);
        List<RgbImage> images = readImages(data);
        engine.bridge().trainTokenizer(tinySpec(data, 40), tmp.resolve("base"), false).result().get(120, TimeUnit.SECONDS);
        var base = engine.bridge().openTokenizer(tmp.resolve("base")).result().get(60, TimeUnit.SECONDS);
        List<TokenGrid> baseCodes = engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS);
        double baseError = error(images, engine.bridge().decode(baseCodes).result().get(60, TimeUnit.SECONDS));

        // A deeper decoder than the base's, as the paper's small-encoder, large-decoder models.
        TokenizerTrainSpec finetune = tinySpec(data, 60).withDecoderOf(tmp.resolve("base").toString());
        finetune = finetune.withModel(((ViTVqganSpec) finetune.model()).withDecoderLayers(3));
        engine.bridge().trainTokenizer(finetune, tmp.resolve("ft"), false).result().get(120, TimeUnit.SECONDS);
        var tuned = engine.bridge().openTokenizer(tmp.resolve("ft")).result().get(60, TimeUnit.SECONDS);
        List<TokenGrid> tunedCodes = engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS);
        double tunedError = error(images, engine.bridge().decode(tunedCodes).result().get(60, TimeUnit.SECONDS));

        assertThat(tuned.id()).isEqualTo(base.id());
        for (int i = 0; i < images.size(); i++) {
            assertThat(tunedCodes.get(i).codes()).containsExactly(baseCodes.get(i).codes());
        }
        assertThat(tunedError).isLessThan(baseError * 0.9);
        assertThat(Files.readString(tmp.resolve("ft/checkpoint/MODEL_CARD.md"))).contains("Decoder fine-tuned from");
    }

    @Test
    void aWarmStartWithADeeperEncoderBeginsWithTheSourcesCodesAndSavesANewId() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 5);
        List<RgbImage> images = readImages(data);
        engine.bridge().trainTokenizer(tinySpec(data, 40), tmp.resolve("base"), false).result().get(120, TimeUnit.SECONDS);
        var base = engine.bridge().openTokenizer(tmp.resolve("base")).result().get(60, TimeUnit.SECONDS);
        List<TokenGrid> baseCodes = engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS);

        // One step at a negligible learning rate: what the warm start begins with, not what it learns.
        TokenizerTrainSpec warm = tinySpec(data, 1).withInitFrom(tmp.resolve("base").toString())
                .withOptim(OptimSpec.defaults().withLr(1e-9f, 1e-9f).withWarmup(1));
        warm = warm.withModel(((ViTVqganSpec) warm.model()).withEncoderLayers(3));
        engine.bridge().trainTokenizer(warm, tmp.resolve("warm"), false).result().get(120, TimeUnit.SECONDS);
        var grown = engine.bridge().openTokenizer(tmp.resolve("warm")).result().get(60, TimeUnit.SECONDS);
        List<TokenGrid> grownCodes = engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS);

        assertThat(((ViTVqganSpec) io.vqstudio.bridge.family.TokenizerStore.specOf(tmp.resolve("warm"))).encoder().layers()).isEqualTo(3);
        assertThat(grown.parameters()).isGreaterThan(base.parameters());
        for (int i = 0; i < images.size(); i++) {
            assertThat(grownCodes.get(i).codes()).containsExactly(baseCodes.get(i).codes());
        }
        assertThat(grown.id()).isNotEqualTo(base.id());
        assertThat(Files.readString(tmp.resolve("warm/checkpoint/MODEL_CARD.md"))).contains("Started from the weights of");
    }

    /** Mean squared error of reconstructions, pixels in [0, 255]. */
    private static double error(List<RgbImage> images, List<RgbImage> rec) {
        double sum = 0;
        long n = 0;
        for (int i = 0; i < images.size(); i++) {
            int[] a = images.get(i).toBufferedImage().getRGB(0, 0, 16, 16, null, 0, 16);
            int[] b = rec.get(i).toBufferedImage().getRGB(0, 0, 16, 16, null, 0, 16);
            for (int j = 0; j < a.length; j++) {
                for (int shift = 0; shift <= 16; shift += 8) {
                    double d = ((a[j] >> shift) & 255) - ((b[j] >> shift) & 255);
                    sum += d * d;
                    n++;
                }
            }
        }
        return sum / n;
    }

    private static List<RgbImage> readImages(Path data) throws java.io.IOException {
        List<RgbImage> images = new java.util.ArrayList<>();
        try (var files = Files.walk(data)) {
            for (Path p : files.filter(p -> p.toString().endsWith(".png")).sorted().toList()) {
                images.add(ImageFiles.read(p));
            }
        }
        return images;
    }

    @Test
    void resumingGivesTheSameLossCurveAsAnUninterruptedRun() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 2);
        TokenizerTrainSpec spec = tinySpec(data, 40).withIntervals(1, 100_000, 20, 100_000, 0);
        engine.bridge().trainTokenizer(spec, tmp.resolve("straight"), false).result().get(120, TimeUnit.SECONDS);
        engine.bridge().trainTokenizer(spec.withSteps(20), tmp.resolve("resumed"), false).result().get(120, TimeUnit.SECONDS);
        engine.bridge().trainTokenizer(spec, tmp.resolve("resumed"), true).result().get(120, TimeUnit.SECONDS);
        List<String> a = steps(tmp.resolve("straight/metrics.jsonl"));
        List<String> b = steps(tmp.resolve("resumed/metrics.jsonl"));
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(rec(b.get(i))).isCloseTo(rec(a.get(i)), org.assertj.core.data.Offset.offset(1e-5));
        }
    }

    @Test
    void aTrainerRunsWithoutABridgeReportingToItsListener() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 4);
        List<String> reports = new CopyOnWriteArrayList<>();
        TrainListener listener = new TrainListener() {
            @Override
            public void metrics(long step, java.util.Map<String, Double> values) {
                reports.add("metrics " + step);
            }

            @Override
            public void checkpointSaved(long step, Path checkpoint) {
                reports.add("saved " + step + " " + checkpoint.getFileName());
            }
        };
        TrainSummary s = new TokenizerTrainer(tinySpec(data, 3).withIntervals(1, 100, 2, 100, 0), tmp.resolve("run"),
                io.vqstudio.bridge.core.Progress.NONE, listener).train(false);
        assertThat(s.steps()).isEqualTo(3);
        assertThat(reports).containsExactly("metrics 1", "metrics 2", "saved 2 checkpoint", "metrics 3",
                "saved 3 checkpoint");
    }

    @Test
    void cancellingSavesACheckpointAndResumeRefusesAnEmptyRun() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 3);
        List<JobEvent> events = new CopyOnWriteArrayList<>();
        Job<TrainSummary> job = engine.bridge().trainTokenizer(tinySpec(data, 1_000_000), tmp.resolve("run"), false);
        job.subscribe(e -> {
            events.add(e);
            if (e instanceof JobEvent.Progress p && p.done() == 5) {
                job.cancel();
            }
        });
        assertThatThrownBy(() -> job.result().get(120, TimeUnit.SECONDS)).hasCauseInstanceOf(
                io.vqstudio.bridge.core.CancelledException.class);
        assertThat(events).anyMatch(e -> e instanceof JobEvent.CheckpointSaved c && c.step() >= 5 && c.step() <= 6);
        assertThat(Files.exists(tmp.resolve("run/checkpoint/model.safetensors"))).isTrue();

        Job<TrainSummary> nothing = engine.bridge().trainTokenizer(tinySpec(data, 10), tmp.resolve("empty"), true);
        assertThatThrownBy(() -> nothing.result().get(60, TimeUnit.SECONDS)).hasMessageContaining("Nothing to resume");
    }

    @Test
    void aRunThatDivergesBeforeItsFirstCheckpointSaysNoneWasSaved() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 8, 16, 3);
        TokenizerTrainSpec nan = tinySpec(data, 10).withOptim(OptimSpec.defaults().withLr(Float.MAX_VALUE, Float.MAX_VALUE));
        assertThatThrownBy(() -> engine.bridge().trainTokenizer(nan, tmp.resolve("run"), false).result()
                        .get(120, TimeUnit.SECONDS))
                .hasMessageContaining("diverged at step").hasMessageContaining("No checkpoint was saved")
                .hasMessageNotContaining("kept in");
    }

    @Test
    void evaluationsSayHowManyHeldOutImagesAreDone() throws Exception {
        Path data = BlockImages.write(tmp.resolve("data"), 80, 16, 6);
        TokenizerTrainSpec spec = tinySpec(data, 2).withValidation(0.5, false, 1).withIntervals(1, 2, 100_000, 100_000, 0);
        Job<TrainSummary> train = engine.bridge().trainTokenizer(spec, tmp.resolve("run"), false);
        int held = train.result().get(120, TimeUnit.SECONDS).eval().images();
        assertThat(held).isGreaterThan(32);                         // more than one evaluation batch
        List<JobEvent> trainEvents = new CopyOnWriteArrayList<>();
        train.subscribe(trainEvents::add);
        // The step bar stays at step 2 while its message counts the held-out images.
        assertThat(trainEvents).anyMatch(e -> e instanceof JobEvent.Progress p && p.done() == 2
                && p.message().equals("evaluating step 2: 32 / " + held + " held-out images"));
        assertThat(trainEvents).anyMatch(e -> e instanceof JobEvent.Progress p
                && p.message().equals("evaluating step 2: " + held + " / " + held + " held-out images"));

        Job<EvalResult> eval = engine.bridge().evaluateTokenizer(tmp.resolve("run"), new DataSpec(data, 16, 0.5, false, 1), 0, null);
        assertThat(eval.result().get(120, TimeUnit.SECONDS).images()).isEqualTo(held);
        List<JobEvent.Progress> bar = new CopyOnWriteArrayList<>();
        eval.subscribe(e -> {
            if (e instanceof JobEvent.Progress p) {
                bar.add(p);
            }
        });
        assertThat(bar).extracting(JobEvent.Progress::done).containsExactly(32L, (long) held);
        assertThat(bar).allMatch(p -> p.total() == held && p.unit().equals("images"));
    }

    private static List<String> steps(Path file) throws java.io.IOException {
        return Files.readAllLines(file).stream().filter(l -> l.contains("train/rec_loss")).toList();
    }

    private static double rec(String line) {
        return Json.COMPACT.fromJson(line, JsonObject.class).get("train/rec_loss").getAsDouble();
    }
}
