package io.vqstudio.app.service;

import io.vqstudio.app.TinyRuns;
import io.vqstudio.bridge.api.RunRecord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.train.RunDir;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The studio's side of a run's files: a run caught mid checkpoint swap still lists, opens and resumes; a new run never replaces one. */
class RunRecoveryTest {

    @TempDir
    Path dir;

    private TokenizerTrainSpec tinyRun(long steps) throws Exception {
        return TinyRuns.vitTiny(TinyRuns.images(dir), steps);
    }

    private static Map<String, ByteBuffer> snapshot(Path root) throws Exception {
        Map<String, ByteBuffer> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                all.put(root.relativize(p).toString(), ByteBuffer.wrap(Files.readAllBytes(p)));
            }
        }
        return all;
    }

    @Test
    void aRunCaughtMidSwapIsListedOpensAndResumes() throws Exception {
        Path run = dir.resolve("runs/run1");
        try (BridgeStudioService s = BridgeStudioService.start()) {
            s.trainTokenizer(plan(tinyRun(2)), run, false).result().get(120, TimeUnit.SECONDS);
            new RunDir(run).writeTrainSpec(tinyRun(3)); // a 3-step run stopped after its step-2 checkpoint
            Path ck = run.resolve("checkpoint");
            Files.move(ck, CheckpointDir.oldOf(ck));
            Files.createDirectories(CheckpointDir.tmpOf(ck));
            Files.writeString(CheckpointDir.tmpOf(ck).resolve(CheckpointDir.SPEC), "{\"kind\": \"tok"); // cut short

            assertThat(RunRecord.list(dir.resolve("runs"))).containsExactly(run);
            assertThat(s.checkpointKind(run)).isEqualTo("tokenizer");
            TokenizerInfo info = s.openTokenizer(run).result().get(60, TimeUnit.SECONDS);
            assertThat(info.codebookSize()).isEqualTo(64);

            s.trainTokenizer(plan(tinyRun(3)), run, true).result().get(120, TimeUnit.SECONDS);
            assertThat(Files.readString(ck.resolve(CheckpointDir.SPEC))).contains("\"step\": 3");
            assertThat(CheckpointDir.oldOf(ck)).doesNotExist();
            assertThat(CheckpointDir.tmpOf(ck)).doesNotExist();
        }
    }

    @Test
    void aNewRunOverAnOldOneIsRefusedByTheEngineAndChangesNothing() throws Exception {
        Path run = dir.resolve("runs/run1");
        try (BridgeStudioService s = BridgeStudioService.start()) {
            s.trainTokenizer(plan(tinyRun(2)), run, false).result().get(120, TimeUnit.SECONDS);
            Map<String, ByteBuffer> before = snapshot(run);
            assertThatThrownBy(() -> s.trainTokenizer(plan(tinyRun(1)), run, false).result().get(120, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("already holds a training run");
            assertThatThrownBy(() -> s.trainPrior(new PriorTrainRequest(dir.resolve("images"),
                    io.vqstudio.bridge.core.PriorKind.AR, "ar-tiny", 2, 4), run, false).result().get(120, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class).hasMessageContaining("already holds a training run");
            assertThat(snapshot(run)).isEqualTo(before);
        }
    }

    /** A plan that trains {@code spec} as it is. */
    private static RunPlan<TokenizerTrainSpec> plan(TokenizerTrainSpec spec) {
        return RunPlan.tokenizer(() -> spec, RunPlan.Overrides.NONE);
    }
}
