package io.vqstudio.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.cli.Main;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.RunDir;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line and the studio plan a prior run the same way: same inputs, same spec. */
class PriorRunPlanTest {

    @TempDir
    Path dir;

    @Test
    void trainPriorAndTheTrainPageMakeTheSameSpec() throws Exception {
        Path tokens = dir.resolve("t.vqt");
        TokenFile.Header h = TokenFile.Header.create("tok-id", "test", 4, 64, List.of("a", "b"), List.of("A", "B"),
                "generated", 0.25);
        try (TokenFile.Writer w = TokenFile.Writer.openOrResume(tokens, h)) {
            for (int g = 0; g < 24; g++) {
                long[] codes = new long[16];
                for (int i = 0; i < 16; i++) {
                    codes[i] = (g * 7 + i) % 64;
                }
                w.append(new byte[] {(byte) (g < 20 ? 0 : 1)}, new int[] {g % 2}, codes, g + 1L);
            }
            w.finish();
        }
        Path out = dir.resolve("cli-run");
        assertThat(Main.run("train-prior", "--tokens", tokens.toString(), "--kind", "ar", "--preset", "ar-tiny",
                "--steps", "2", "--batch", "8", "--lr", "1e-3", "--out", out.toString(), "--threads", "1")).isZero();
        PriorTrainSpec cli = Json.read(new RunDir(out).trainSpecFile(), PriorTrainSpec.class);

        PriorTrainRequest form = new PriorTrainRequest(tokens.toAbsolutePath(), PriorKind.AR, "ar-tiny", 2, 8);
        PriorTrainSpec studio = BridgePriors.plan(form).newRun();
        // The studio's form has no learning rate: the CLI's --lr aside, the two specs are one.
        assertThat(studio.withOptim(cli.optim())).isEqualTo(cli);
        // The learning-rate floor keeps the schedule's ratio: a fifth of the peak for a prior.
        assertThat(cli.optim().minLr()).isCloseTo(2e-4f, org.assertj.core.data.Offset.offset(1e-9f));
    }
}
