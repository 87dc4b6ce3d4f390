package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.api.EngineThread;
import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.api.JobEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JobRunnerTest {

    @Test
    void aStoppedTrainingJobSaysWhereItsCheckpointIsInsteadOfReportingAnError() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (EngineThread engine = new EngineThread(() -> "cpu")) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            // What a trainer does on Ctrl-C: write the checkpoint, then stop.
            Job<Integer> job = engine.submit("train", ctx -> {
                ctx.emit(new JobEvent.CheckpointSaved(520, Path.of("run", "checkpoint")));
                throw new CancelledException("train");
            });
            assertThatThrownBy(() -> JobRunner.await(job, true)).isInstanceOf(CancelledException.class);
        } finally {
            System.setErr(realErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("stopped at step 520; checkpoint saved in " + Path.of("run", "checkpoint"))
                .doesNotContain("error");
    }

    @Test
    void aStoppedCommandExitsWith130WithoutAnErrorLineWhileAFailureSaysWhatWentWrong() {
        StringWriter out = new StringWriter();
        assertThat(Main.report(new CancelledException("train"), new PrintWriter(out))).isEqualTo(130);
        assertThat(out.toString()).isEmpty();
        assertThat(Main.report(new IllegalArgumentException("no images in /tmp/x"), new PrintWriter(out, true)))
                .isEqualTo(1);
        assertThat(out.toString()).contains("error: ").contains("no images in /tmp/x");
    }

    @Test
    void offATerminalProgressIsPlainLinesWithoutCarriageReturns() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(System.console()).as("the test runs without a terminal").isNull();
        try (EngineThread engine = new EngineThread(() -> "cpu")) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Job<Integer> job = engine.submit("train tokenizer", ctx -> {
                for (int step = 0; step <= 40; step++) {
                    ctx.progress(step, 40, "steps", "loss 0.5");
                }
                return 40;
            });
            assertThat(JobRunner.await(job, false)).isEqualTo(40);
        } finally {
            System.setErr(realErr);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        // One line at each tenth of the work (the clock has not run 10 s): 0%, 10%, ..., 100%.
        assertThat(text.lines().toList()).hasSize(11).allMatch(l -> l.startsWith("train tokenizer "))
                .contains("train tokenizer 0/40 steps (0%)  loss 0.5");
        assertThat(text).contains("train tokenizer 4/40 steps (10%), ").contains("train tokenizer 40/40 steps (100%), ");
    }

    @Test
    void aJobFailureIsNotPrintedByTheRunnerButReportedOnceByMain() throws Exception {
        PrintStream realErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Exception thrown;
        try (EngineThread engine = new EngineThread(() -> "cpu")) {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            Job<Integer> job = engine.submit("open tokenizer", ctx -> {
                throw new IllegalArgumentException("model.safetensors lacks tensor 'codebook'");
            });
            thrown = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> JobRunner.await(job, true));
        } finally {
            System.setErr(realErr);
        }
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        StringWriter out = new StringWriter();
        assertThat(Main.report(thrown, new PrintWriter(out, true))).isEqualTo(1);
        assertThat(out.toString().lines().toList()).containsExactly("error: model.safetensors lacks tensor 'codebook'");
    }
}
