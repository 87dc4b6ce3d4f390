package io.vqstudio.bridge.cli;

import static io.vqstudio.bridge.cli.CliHarness.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.BlockImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash between the two renames of a checkpoint swap leaves {@code checkpoint.old} (complete) and
 * {@code checkpoint.tmp} (not trusted): every place that looks for the run's checkpoint finds the
 * {@code .old}, and resuming finishes the swap.
 */
class CheckpointRecoveryTest {

    @TempDir
    Path tmp;

    private Path data;
    private Path runDir;
    private Path image;

    @BeforeEach
    void aRunCaughtMidSwap() throws Exception {
        data = BlockImages.write(tmp.resolve("images"), 8, 16, 4);
        runDir = tmp.resolve("run");
        assertThat(run("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", runDir.toString(),
                "--steps", "2", "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "1,100,2,100,0",
                "--threads", "1").code()).isZero();
        Path ck = runDir.resolve("checkpoint");
        Files.move(ck, CheckpointDir.oldOf(ck));
        // The new checkpoint was being written: a spec and half of the weights.
        Path partial = Files.createDirectories(CheckpointDir.tmpOf(ck));
        Files.copy(CheckpointDir.oldOf(ck).resolve(CheckpointDir.SPEC), partial.resolve(CheckpointDir.SPEC));
        byte[] weights = Files.readAllBytes(CheckpointDir.oldOf(ck).resolve(CheckpointDir.WEIGHTS));
        Files.write(partial.resolve(CheckpointDir.WEIGHTS), Arrays.copyOf(weights, weights.length / 2));
        try (var s = Files.walk(data)) {
            image = s.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
    }

    @Test
    void theOldHalfIsFoundFromTheRunTheCheckpointAndAFileInIt() throws Exception {
        Path old = CheckpointDir.oldOf(runDir.resolve("checkpoint"));
        assertThat(CheckpointDir.resolve(runDir)).isEqualTo(old);
        assertThat(CheckpointDir.resolve(runDir.resolve("checkpoint"))).isEqualTo(old);
        assertThat(CheckpointDir.resolve(old.resolve(CheckpointDir.SPEC))).isEqualTo(old);
        // Reading changes nothing on disk.
        assertThat(runDir.resolve("checkpoint")).doesNotExist();
        assertThat(CheckpointDir.tmpOf(runDir.resolve("checkpoint"))).exists();
    }

    @Test
    void modelRunReadsTheOldHalf() {
        CliHarness.Result r = run("reconstruct", "--model", runDir.toString(), image.toString(), "--out",
                tmp.resolve("r.png").toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("PSNR");
        CliHarness.Result e = run("export-model", "--model", runDir.toString(), "--out", tmp.resolve("exported").toString());
        assertThat(e.code()).as(e.err()).isZero();
        assertThat(tmp.resolve("exported").resolve(CheckpointDir.SPEC)).exists();
    }

    @Test
    void resumeFinishesTheSwapAndTheNextCheckpointIsWritten() throws Exception {
        CliHarness.Result r = run("train-tokenizer", "--out", runDir.toString(), "--resume", "--steps", "4", "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        Path ck = runDir.resolve("checkpoint");
        assertThat(Json.read(ck.resolve(CheckpointDir.SPEC), JsonObject.class).get("step").getAsInt()).isEqualTo(4);
        assertThat(CheckpointDir.oldOf(ck)).doesNotExist();
        assertThat(CheckpointDir.tmpOf(ck)).doesNotExist();
        // It went on from step 2: the log holds steps 1 to 4 once each.
        assertThat(Files.readAllLines(runDir.resolve("metrics.jsonl")).stream()
                .map(l -> Json.COMPACT.fromJson(l, JsonObject.class))
                .filter(o -> o.has("train/lr")).map(o -> o.get("step").getAsInt())).containsExactly(1, 2, 3, 4);
    }

    @Test
    void anUnfinishedWriteAloneIsNeverRead() throws Exception {
        Path ck = runDir.resolve("checkpoint");
        CheckpointDir.deleteTree(CheckpointDir.oldOf(ck));
        assertThatThrownBy(() -> CheckpointDir.resolve(runDir)).isInstanceOf(IOException.class)
                .hasMessageContaining("checkpoint.tmp is an unfinished write");
        CliHarness.Result r = run("train-tokenizer", "--out", runDir.toString(), "--resume", "--steps", "4", "--threads", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("Nothing to resume").contains("checkpoint.tmp is an unfinished write");
    }
}
