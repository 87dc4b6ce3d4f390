package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.TestBridge;
import io.vqstudio.bridge.classifier.PatternImages;
import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A classifier learns a separable generated set in a few dozen steps, and a stopped run resumes exactly. */
class ClassifierTrainerTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @TempDir
    Path tmp;

    private static ClassifierTrainSpec tiny(Path data, long steps) {
        return ClassifierTrainSpec.defaults(data.toString()).withResolution(16).withWidth(8).withBatchSize(16)
                .withSteps(steps).withOptim(OptimSpec.defaults().withLr(3e-3f, 3e-4f).withWarmup(5))
                .withValidation(0.25, 0).withIntervals(5, 20, 20);
    }

    @Test
    void aFewDozenStepsSeparateTheGeneratedPatterns() throws Exception {
        Path data = PatternImages.folders(tmp.resolve("train"), PatternImages.CLASSES, 40, 16, 1);
        Path run = tmp.resolve("run");
        ClassifierTrainer.Summary s = new ClassifierTrainer(tiny(data, 40), run, Progress.NONE, TrainListener.NONE)
                .train(false);
        assertThat(s.steps()).isEqualTo(40);
        assertThat(s.classes()).isEqualTo(PatternImages.CLASSES);
        assertThat(s.heldOut()).isBetween(15L, 45L);
        assertThat(s.accuracy()).isGreaterThanOrEqualTo(0.9);
        List<Double> losses = Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("train/loss"))
                .map(l -> Json.COMPACT.fromJson(l, JsonObject.class).get("train/loss").getAsDouble()).toList();
        assertThat(losses.get(losses.size() - 1)).isLessThan(losses.get(0) / 3); // from about ln 3
        // On images it never saw, drawn afresh, it is as good.
        Path fresh = PatternImages.folders(tmp.resolve("test"), PatternImages.CLASSES, 20, 16, 2);
        ClassifierEvaluator.Result r = ClassifierEvaluator.evaluate(run, fresh, 0, 0, Progress.NONE);
        assertThat(r.overall().images()).isEqualTo(60);
        assertThat(r.overall().accuracy()).isGreaterThanOrEqualTo(0.9);
        assertThat(r.classes()).extracting(c -> c.name()).isEqualTo(PatternImages.CLASSES);
        assertThat(Files.readString(run.resolve("checkpoint/" + CheckpointDir.CARD))).contains("# Classifier `cnn-16`");
    }

    @Test
    void aStoppedRunResumesToTheWeightsOfAnUninterruptedOne() throws Exception {
        Path data = PatternImages.folders(tmp.resolve("train"), PatternImages.CLASSES, 8, 16, 3);
        ClassifierTrainSpec spec = tiny(data, 4).withIntervals(1, 100, 100);
        new ClassifierTrainer(spec, tmp.resolve("whole"), Progress.NONE, TrainListener.NONE).train(false);
        Path run = tmp.resolve("stopped");
        Progress stopAfterTwo = new Progress() {
            long done;

            @Override
            public void progress(long d, long total, String unit, String message) {
                done = d;
            }

            @Override
            public boolean isCancelled() {
                return done >= 2;
            }
        };
        assertThatThrownBy(() -> new ClassifierTrainer(spec, run, stopAfterTwo, TrainListener.NONE).train(false))
                .isInstanceOf(CancelledException.class);
        assertThat(Json.read(run.resolve("checkpoint/spec.json"), JsonObject.class).get("step").getAsInt()).isEqualTo(2);
        assertThatThrownBy(() -> new ClassifierTrainer(spec, run, Progress.NONE, TrainListener.NONE).train(false))
                .hasMessageContaining("already holds a training run");
        new ClassifierTrainer(spec, run, Progress.NONE, TrainListener.NONE).train(true);
        assertThat(java.util.Arrays.equals(Files.readAllBytes(run.resolve("checkpoint/" + CheckpointDir.WEIGHTS)),
                Files.readAllBytes(tmp.resolve("whole/checkpoint/" + CheckpointDir.WEIGHTS))))
                .as("the resumed run's weights are the uninterrupted run's, bit for bit").isTrue();
    }
}
