package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestBridge;
import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.core.Progress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The shared loop with a model-free step: cadence, cancel-and-save, divergence, reseeding. */
class TrainingLoopTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge(); // loads the engine whose random seed the loop sets

    @TempDir
    Path tmp;

    /** Steps whose values come from {@code values}; records what the loop asked of it. */
    private static final class FakeSteps implements TrainingLoop.Steps {
        final List<String> calls = new ArrayList<>();
        final LongFunction<Map<String, Double>> values;

        FakeSteps(LongFunction<Map<String, Double>> values) {
            this.values = values;
        }

        @Override
        public TrainingLoop.StepResult step(long step, float lr) {
            calls.add("step " + step);
            return new TrainingLoop.StepResult(values.apply(step), 4);
        }

        @Override
        public void save(long step) {
            calls.add("save " + step);
        }

        @Override
        public boolean canEvaluate() {
            return true;
        }

        @Override
        public Map<String, Double> evaluate(long step) {
            calls.add("eval " + step);
            return Map.of("val/x", (double) step);
        }

        @Override
        public void preview(long step) {
            calls.add("preview " + step);
        }
    }

    private static Map<String, Double> fine(long step) {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("train/loss", 1.0 / (step + 1));
        m.put("train/grad_norm", 0.5);
        return m;
    }

    private static TrainingLoop.Schedule schedule(long steps, int log, int eval, int ckpt, int preview) {
        return new TrainingLoop.Schedule(steps, 7, OptimSpec.defaults(), log, eval, ckpt, preview, "train/items_per_s");
    }

    /** Collects the listener's reports as lines. */
    private static final class Events implements TrainListener {
        final List<String> lines = new ArrayList<>();

        @Override
        public void metrics(long step, Map<String, Double> values) {
            lines.add("metrics " + step + " " + values.keySet());
        }

        @Override
        public void checkpointSaved(long step, Path checkpoint) {
            lines.add("saved " + step);
        }
    }

    @Test
    void logsEvaluatesPreviewsAndSavesAtTheirIntervalsAndAtTheLastStep() throws Exception {
        FakeSteps steps = new FakeSteps(TrainingLoopTest::fine);
        Events events = new Events();
        TrainingLoop.Outcome end = TrainingLoop.run(schedule(10, 3, 4, 5, 2), new RunDir(tmp), 0, false, steps,
                Progress.NONE, events);
        assertThat(end.step()).isEqualTo(10);
        assertThat(end.lastEval()).containsEntry("val/x", 10.0);
        assertThat(steps.calls).filteredOn(c -> !c.startsWith("step")).containsExactly("preview 2", "eval 4", "preview 4",
                "save 5", "preview 6", "eval 8", "preview 8", "eval 10", "preview 10", "save 10");
        assertThat(events.lines).filteredOn(l -> l.startsWith("metrics") && l.contains("train/loss")).containsExactly(
                "metrics 3 [train/loss, train/grad_norm, train/items_per_s, train/lr]",
                "metrics 6 [train/loss, train/grad_norm, train/items_per_s, train/lr]",
                "metrics 9 [train/loss, train/grad_norm, train/items_per_s, train/lr]",
                "metrics 10 [train/loss, train/grad_norm, train/items_per_s, train/lr]");
        assertThat(events.lines).filteredOn(l -> l.startsWith("saved")).containsExactly("saved 5", "saved 10");
        assertThat(Files.readAllLines(new RunDir(tmp).metricsFile())).hasSize(4 + 3);
    }

    @Test
    void aStopSavesTheCurrentStepBeforeItEndsTheRun() throws Exception {
        FakeSteps steps = new FakeSteps(TrainingLoopTest::fine);
        Events events = new Events();
        long[] done = {0};
        Progress stopAfter4 = new Progress() {
            @Override
            public void progress(long d, long total, String unit, String message) {
                done[0] = d;
            }

            @Override
            public boolean isCancelled() {
                return done[0] >= 4;
            }
        };
        assertThatThrownBy(() -> TrainingLoop.run(schedule(100, 50, 50, 50, 50), new RunDir(tmp), 0, false, steps,
                stopAfter4, events)).isInstanceOf(CancelledException.class);
        assertThat(steps.calls).endsWith("step 3", "save 4");
        assertThat(events.lines).containsExactly("saved 4");
    }

    @Test
    void aNonFiniteLossStopsTheRunNamingTheLastCheckpoint() {
        FakeSteps steps = new FakeSteps(s -> s == 6 ? Map.of("train/loss", Double.NaN, "train/grad_norm", 0.5) : fine(s));
        assertThatThrownBy(() -> TrainingLoop.run(schedule(100, 1, 100, 5, 100), new RunDir(tmp), 0, false, steps,
                Progress.NONE, TrainListener.NONE))
                .hasMessageStartingWith("Training diverged at step 7 (a loss or the gradient became NaN or infinite:")
                .hasMessageContaining("The last checkpoint, of step 5, is kept in " + tmp.resolve("checkpoint"));
    }

    @Test
    void skippedUpdatesDivergeOnlyWhenTenComeInARow() throws Exception {
        // Nine skips, one good step, nine skips: the run goes on.
        FakeSteps survives = new FakeSteps(s -> s % 10 == 9 ? fine(s) : Map.of("train/loss", 1.0, "train/grad_norm",
                Double.POSITIVE_INFINITY));
        TrainingLoop.run(schedule(19, 100, 100, 100, 100), new RunDir(Files.createDirectories(tmp.resolve("a"))), 0, false, survives,
                Progress.NONE, TrainListener.NONE);
        FakeSteps diverges = new FakeSteps(s -> s < 3 ? fine(s) : Map.of("train/loss", 1.0, "train/grad_norm", Double.NaN));
        assertThatThrownBy(() -> TrainingLoop.run(schedule(100, 100, 100, 100, 100), new RunDir(Files.createDirectories(tmp.resolve("b"))), 0,
                false, diverges, Progress.NONE, TrainListener.NONE))
                .hasMessageContaining("diverged at step 13").hasMessageContaining("No checkpoint was saved");
    }

    @Test
    void aResumedRunDrawsTheSameRandomNumbersAsAnUninterruptedOne() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Map<Long, Double> straight = new LinkedHashMap<>(), resumed = new LinkedHashMap<>();
            TrainingLoop.run(schedule(6, 100, 100, 100, 0), new RunDir(Files.createDirectories(tmp.resolve("a"))), 0, false,
                    new FakeSteps(s -> draw(m, s, straight)), Progress.NONE, TrainListener.NONE);
            TrainingLoop.run(schedule(6, 100, 100, 100, 0), new RunDir(Files.createDirectories(tmp.resolve("b"))), 3, true,
                    new FakeSteps(s -> draw(m, s, resumed)), Progress.NONE, TrainListener.NONE);
            assertThat(resumed).hasSize(3);
            resumed.forEach((step, x) -> assertThat(x).isEqualTo(straight.get(step)));
            assertThat(straight.get(3L)).isNotEqualTo(straight.get(4L));
        }
    }

    private static Map<String, Double> draw(NDManager m, long step, Map<Long, Double> into) {
        into.put(step, (double) m.randomUniform(0, 1, new ai.djl.ndarray.types.Shape(1)).getFloat(0));
        return fine(step);
    }
}
