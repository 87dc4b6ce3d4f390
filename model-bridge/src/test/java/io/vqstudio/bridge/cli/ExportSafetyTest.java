package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.family.Families;
import static io.vqstudio.bridge.cli.CliHarness.run;
import static io.vqstudio.bridge.cli.CliHarness.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** export-model replaces a checkpoint or fills a new folder, and refuses every other target without deleting anything. */
class ExportSafetyTest {

    @TempDir
    Path tmp;

    private Path models;
    private Path source;

    @BeforeEach
    void tinyCheckpoint() throws Exception {
        TestEngine.start();
        models = tmp.resolve("models");
        source = models.resolve("tok");
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            CheckpointDir.writeAtomically(source, d -> TokenizerStore.writeInto(d, t, 0, "# tiny\n", null));
        }
    }

    private void assertRefused(Path out, String why) throws Exception {
        Map<String, ByteBuffer> before = snapshot(tmp);
        CliHarness.Result r = run("export-model", "--model", source.toString(), "--out", out.toString());
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).startsWith("error: ").contains(why);
        assertThat(r.err().lines().filter(l -> !l.isBlank())).hasSize(1);
        assertThat(snapshot(tmp)).isEqualTo(before);
    }

    @Test
    void aFolderWithOtherThingsInItIsRefused() throws Exception {
        Path mine = tmp.resolve("mine");
        Files.createDirectories(mine.resolve("photos"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        Files.writeString(mine.resolve("photos/a.jpg"), "jpeg");
        assertRefused(mine, "holds other things than a checkpoint");
        // A checkpoint with a folder inside is not one we wrote either.
        Path ck = tmp.resolve("ck");
        assertThat(run("export-model", "--model", source.toString(), "--out", ck.toString()).code()).isZero();
        Files.createDirectories(ck.resolve("samples"));
        assertRefused(ck, "holds other things than a checkpoint");
        assertRefused(mine.resolve("notes.txt"), "is not a folder");
    }

    @Test
    void theSourceOrAFolderHoldingItIsRefused() throws Exception {
        assertRefused(source, "is the source checkpoint");
        assertRefused(models, "holds the source checkpoint");
        assertRefused(tmp, "holds the source checkpoint");
        assertRefused(source.resolve("inner"), "inside the source checkpoint");
        // A run named as its own target: the run holds the checkpoint read.
        Path runDir = tmp.resolve("run");
        Files.createDirectories(runDir);
        CheckpointDir.writeAtomically(runDir.resolve("checkpoint"), d -> {
            for (String f : new String[] {CheckpointDir.SPEC, CheckpointDir.WEIGHTS}) {
                Files.copy(source.resolve(f), d.resolve(f));
            }
        });
        Map<String, ByteBuffer> before = snapshot(tmp);
        CliHarness.Result r = run("export-model", "--model", runDir.toString(), "--out", runDir.toString());
        assertThat(r.err()).contains("holds the source checkpoint");
        assertThat(snapshot(tmp)).isEqualTo(before);
    }

    @Test
    void theSwapNamesBesideTheTargetAreNotOursToDelete() throws Exception {
        Path out = tmp.resolve("exported");
        Files.createDirectories(tmp.resolve("exported.old"));
        Files.writeString(tmp.resolve("exported.old/backup.txt"), "a user's own copy");
        assertRefused(out, "exported.old is in the way");
        // Exporting the .old of a checkpoint onto the checkpoint would have deleted the source.
        Path old = CheckpointDir.oldOf(source);
        Files.move(source, old);
        Map<String, ByteBuffer> before = snapshot(tmp);
        CliHarness.Result r = run("export-model", "--model", old.toString(), "--out", source.toString());
        assertThat(r.err()).contains("tok.old is in the way");
        assertThat(snapshot(tmp)).isEqualTo(before);
    }

    @Test
    void aNewOrEmptyFolderOrACheckpointIsWritten() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("export-model", "--model", source.toString(), "--out", empty.toString(), "--half").code()).isZero();
        assertThat(empty.resolve(CheckpointDir.WEIGHTS)).exists();
        long half = Files.size(empty.resolve(CheckpointDir.WEIGHTS));
        // Replacing the checkpoint it just wrote stays allowed.
        assertThat(run("export-model", "--model", source.toString(), "--out", empty.toString()).code()).isZero();
        assertThat(Files.size(empty.resolve(CheckpointDir.WEIGHTS))).isGreaterThan(half);
        assertThat(CheckpointDir.oldOf(empty)).doesNotExist();
        assertThat(CheckpointDir.tmpOf(empty)).doesNotExist();
        Path fresh = tmp.resolve("new/deeper");
        assertThat(run("export-model", "--model", source.toString(), "--out", fresh.toString()).code()).isZero();
        assertThat(fresh.resolve(CheckpointDir.SPEC)).exists();
    }
}
