package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.api.EngineThread;
import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobCancelledException;
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
                throw new JobCancelledException("train");
            });
            assertThatThrownBy(() -> JobRunner.await(job, true)).isInstanceOf(JobCancelledException.class);
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
        assertThat(Main.report(new JobCancelledException("train"), new PrintWriter(out))).isEqualTo(130);
        assertThat(out.toString()).isEmpty();
        assertThat(Main.report(new IllegalArgumentException("no images in /tmp/x"), new PrintWriter(out, true)))
                .isEqualTo(1);
        assertThat(out.toString()).contains("error: ").contains("no images in /tmp/x");
    }
}
