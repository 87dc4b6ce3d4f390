package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.TinyRuns;
import io.vqstudio.bridge.api.RunRecord;
import io.vqstudio.bridge.cli.Main;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.RunDir;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the studio plan a tokenizer run the same way: same inputs, same spec. */
class StudioRunPlanTest {

    @TempDir
    Path dir;

    @Test
    void trainTokenizerAndTheTrainPageMakeTheSameSpec() throws Exception {
        Path data = TinyRuns.images(dir);
        Path out = dir.resolve("cli-run");
        assertThat(Main.run("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--steps", "3",
                "--batch", "4", "--out", out.toString(), "--threads", "1")).isZero();
        TokenizerTrainSpec cli = Json.read(new RunDir(out).trainSpecFile(), TokenizerTrainSpec.class);

        RunRecord form = new RunRecord("tokenizer", data.toAbsolutePath().toString(), "vit-tiny", 3, 4, null);
        TokenizerTrainSpec studio = RunSpecs.stage1(form, null).newRun();
        assertThat(studio).isEqualTo(cli);
        assertThat(studio.logEvery()).isEqualTo(1);      // intervals scaled to the short run on both faces
        assertThat(studio.evalImages()).isEqualTo(64);
    }
}
