package io.vqstudio.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.vqstudio.app.TinyRuns;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The production adapter over the real engine, on a tiny random tokenizer checkpoint. */
class BridgeStudioServiceTest {

    @TempDir
    Path dir;

    @Test
    void opensEncodesAndDecodesWithTheRealEngine() throws Exception {
        Path ckpt = dir.resolve("tok");
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            CheckpointDir.writeAtomically(ckpt, d -> TokenizerStore.writeInto(d, t, 0, "# tiny\n", null));
        }
        try (BridgeStudioService s = BridgeStudioService.start()) {
            assertThat(s.checkpointKind(ckpt)).isEqualTo("tokenizer");
            List<JobEvent> events = new CopyOnWriteArrayList<>();
            StudioJob<TokenizerInfo> open = s.openTokenizer(ckpt);
            open.subscribe(events::add);
            TokenizerInfo info = open.result().get(60, TimeUnit.SECONDS);
            assertThat(info.gridSize()).isEqualTo(4);
            assertThat(info.codebookSize()).isEqualTo(64);
            assertThat(events).anyMatch(e -> e instanceof JobEvent.Started);

            int[] px = new int[16 * 16];
            for (int i = 0; i < px.length; i++) {
                px[i] = (i * 9973) & 0xFFFFFF;
            }
            TokenGrid grid = s.encode(List.of(new RgbImage(16, 16, px))).result().get(60, TimeUnit.SECONDS).get(0);
            assertThat(grid.size()).isEqualTo(4);
            RgbImage back = s.decode(List.of(grid)).result().get(60, TimeUnit.SECONDS).get(0);
            assertThat(back.width()).isEqualTo(16);

            // A prior call without a prior open fails with a message, and the engine keeps going.
            assertThatThrownBy(() -> s.nllMap(PriorKind.AR, grid).result().get(60, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
            assertThat(s.decode(List.of(grid)).result().get(60, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void resumingARunKeepsTheSettingsItWasStartedWith() throws Exception {
        Path data = TinyRuns.images(dir);
        // As the CLI would start it: its own learning rate and loss weights.
        TokenizerTrainSpec started = TinyRuns.vitTiny(data, 2);
        Path run = dir.resolve("run");
        try (BridgeStudioService s = BridgeStudioService.start()) {
            s.trainTokenizer(RunPlan.tokenizer(() -> started, RunPlan.Overrides.NONE), run, false).result().get(120, TimeUnit.SECONDS);
            // The studio resumes with its own defaults in hand; the run's saved settings win.
            TokenizerTrainSpec studio = TokenizerTrainSpec.defaults(Families.tokenizerPreset("vit-tiny"), data.toString()).withSteps(2);
            s.trainTokenizer(RunPlan.tokenizer(() -> studio, RunPlan.Overrides.NONE), run, true).result().get(120, TimeUnit.SECONDS);
        }
        assertThat(Json.read(run.resolve("train.json"), TokenizerTrainSpec.class)).isEqualTo(started);
    }
}
