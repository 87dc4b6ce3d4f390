package io.vqstudio.bridge.cli;

import static io.vqstudio.bridge.cli.CliHarness.run;
import static io.vqstudio.bridge.cli.CliHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.TestTokenFiles;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.BlockImages;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new training run never wipes an old one: it is refused, or with --overwrite replaces only the run's own files. */
class RunSafetyTest {

    @TempDir
    Path tmp;

    private String[] tokenizerRun(Path data, Path out, String steps, String... more) {
        String[] base = {"train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", out.toString(),
                "--steps", steps, "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "1,100,2,2,0", "--threads", "1"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    private static void assertRefusedInOneLine(CliHarness.Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        String error = r.err().lines().filter(l -> l.startsWith("error:")).findFirst().orElseThrow();
        assertThat(error).contains("already holds a training run").contains("--resume").contains("--overwrite");
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1);
    }

    @Test
    void aNewTokenizerRunOverAnOldOneIsRefusedAndEveryByteStays() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 8, 16, 4);
        Path runDir = tmp.resolve("run"); // does not exist yet: starts as before
        assertThat(run(tokenizerRun(data, runDir, "4")).code()).isZero();
        // The leftover of an interrupted checkpoint swap belongs to the run too.
        Files.createDirectories(runDir.resolve("checkpoint.old"));
        Files.copy(runDir.resolve("checkpoint/spec.json"), runDir.resolve("checkpoint.old/spec.json"));
        Map<String, ByteBuffer> before = snapshot(runDir);
        assertThat(before).containsKeys("train.json", "metrics.jsonl", "checkpoint/model.safetensors");

        assertRefusedInOneLine(run(tokenizerRun(data, runDir, "2")));
        // Forgetting --resume and the data flags: still the same refusal, not "--data is required".
        assertRefusedInOneLine(run("train-tokenizer", "--out", runDir.toString(), "--steps", "8", "--threads", "1"));
        assertThat(snapshot(runDir)).isEqualTo(before);
    }

    @Test
    void aNewPriorRunOverAnOldOneIsRefusedAndEveryByteStays() throws Exception {
        Path tokens = TestTokenFiles.tokenFile(tmp.resolve("t.vqt"));
        Path runDir = Files.createDirectories(tmp.resolve("prior")); // empty: starts as before
        String[] cmd = {"train-prior", "--tokens", tokens.toString(), "--kind", "ar", "--preset", "ar-tiny", "--out",
                runDir.toString(), "--steps", "4", "--batch", "4", "--intervals", "1,2,2,0", "--threads", "1"};
        assertThat(run(cmd).code()).isZero();
        Map<String, ByteBuffer> before = snapshot(runDir);
        assertThat(before).containsKeys("train.json", "metrics.jsonl", "checkpoint/model.safetensors");

        assertRefusedInOneLine(run(cmd));
        assertThat(snapshot(runDir)).isEqualTo(before);
        CliHarness.Result both = run(cmd[0], "--out", runDir.toString(), "--resume", "--overwrite");
        assertThat(both.code()).isEqualTo(1);
        assertThat(both.err()).contains("give one of them");
        assertThat(snapshot(runDir)).isEqualTo(before);
    }

    @Test
    void overwriteStartsOverAndDeletesOnlyTheRunsOwnFiles() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 8, 16, 4);
        Path runDir = tmp.resolve("run");
        assertThat(run(tokenizerRun(data, runDir, "4")).code()).isZero();
        assertThat(runDir.resolve("previews/step-0000004.png")).exists();
        Files.writeString(runDir.resolve("notes.txt"), "mine");
        Files.createDirectories(runDir.resolve("figures"));
        Files.writeString(runDir.resolve("figures/plot.svg"), "<svg/>");
        Files.createDirectories(runDir.resolve("previews"));
        Files.writeString(runDir.resolve("previews/favourite.png"), "not a step preview");
        Files.createDirectories(runDir.resolve("checkpoint.tmp")); // a write cut short
        Files.copy(runDir.resolve("checkpoint/spec.json"), runDir.resolve("checkpoint.tmp/spec.json"));

        // A start-over that reads the run it would delete is refused before anything goes.
        Map<String, ByteBuffer> before = snapshot(runDir);
        CliHarness.Result fromItself = run(tokenizerRun(data, runDir, "2", "--overwrite", "--init-from", runDir.toString()));
        assertThat(fromItself.code()).isEqualTo(1);
        assertThat(fromItself.err()).contains("--overwrite would delete");
        assertThat(snapshot(runDir)).isEqualTo(before);

        assertThat(run(tokenizerRun(data, runDir, "2", "--overwrite")).code()).isZero();
        assertThat(Json.read(runDir.resolve("checkpoint/spec.json"), JsonObject.class).get("step").getAsInt()).isEqualTo(2);
        assertThat(Files.readAllLines(runDir.resolve("metrics.jsonl")))
                .allMatch(l -> Json.COMPACT.fromJson(l, JsonObject.class).get("step").getAsInt() <= 2);
        assertThat(runDir.resolve("checkpoint.tmp")).doesNotExist();
        assertThat(runDir.resolve("previews/step-0000004.png")).doesNotExist();
        assertThat(Files.readString(runDir.resolve("notes.txt"))).isEqualTo("mine");
        assertThat(Files.readString(runDir.resolve("figures/plot.svg"))).isEqualTo("<svg/>");
        assertThat(Files.readString(runDir.resolve("previews/favourite.png"))).isEqualTo("not a step preview");
    }

    @Test
    void overwriteIsInTheHelp() {
        for (String command : new String[] {"train-tokenizer", "train-prior"}) {
            assertThat(run(command, "--help").out()).contains("--overwrite").contains("deletes that run's own files");
        }
    }
}
