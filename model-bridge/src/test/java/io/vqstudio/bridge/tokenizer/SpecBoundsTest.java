package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.family.Families;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.UserMessages;
import io.vqstudio.bridge.cli.Main;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.train.BlockImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A spec.json edited by hand (or by an attacker) is refused in one line naming the file and the
 * field, before the model is built: nothing is allocated for a billion layers.
 */
class SpecBoundsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        TestEngine.start();
    }

    private Path tokenizer(String preset) throws IOException {
        Path dir = tmp.resolve(preset);
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset(preset));
            CheckpointDir.writeAtomically(dir, d -> TokenizerStore.writeInto(d, t, 5, "# card\n", null));
        }
        return dir;
    }

    private Path prior() throws IOException {
        Path dir = tmp.resolve("prior");
        try (NDManager m = NDManager.newBaseManager()) {
            var p = PriorStore.build(m, PriorSpec.preset(PriorKind.AR, "ar-tiny"));
            CheckpointDir.writeAtomically(dir, d -> PriorStore.writeInto(d, p, "tok", List.of("a", "b"), 3, "# card\n"));
        }
        return dir;
    }

    /** Sets spec.{@code path} (dotted) in the checkpoint's spec.json; a null value removes the field. */
    private static void edit(Path dir, String path, JsonElement value) throws IOException {
        JsonObject root = Json.read(dir.resolve(CheckpointDir.SPEC), JsonObject.class);
        JsonObject at = root.getAsJsonObject("spec");
        String[] keys = path.split("\\.");
        for (int i = 0; i < keys.length - 1; i++) {
            at = at.getAsJsonObject(keys[i]);
        }
        if (value == null) {
            at.remove(keys[keys.length - 1]);
        } else {
            at.add(keys[keys.length - 1], value);
        }
        Files.writeString(dir.resolve(CheckpointDir.SPEC), Json.GSON.toJson(root));
    }

    /** Loading {@code dir} fails naming its spec.json and {@code expected}, in one line, with nothing allocated. */
    private static void refused(Path dir, boolean isPrior, String expected) {
        try (NDManager m = NDManager.newBaseManager()) {
            Throwable e = org.assertj.core.api.Assertions.catchThrowable(
                    () -> { if (isPrior) PriorStore.load(dir, m); else TokenizerStore.load(dir, m); });
            assertThat(e).isInstanceOf(IOException.class)
                    .hasMessageContaining(dir.resolve(CheckpointDir.SPEC).toString()).hasMessageContaining(expected);
            assertThat(UserMessages.describe(e)).contains("spec.json").contains(expected).doesNotContain("\n")
                    .doesNotContain("Failed to invoke constructor");
            assertThat(((BaseNDManager) m).getManagedArrays()).isEmpty();
        }
    }

    @Test
    void aBillionEncoderLayersIsRefusedNamingTheFieldBeforeAnythingIsBuilt() throws IOException {
        Path dir = tokenizer("vit-tiny");
        edit(dir, "encoder.layers", new JsonPrimitive(1_000_000_000));
        refused(dir, false, "encoder.layers = 1000000000 is out of range (1..256)");
    }

    @Test
    void theCliReconstructingWithABillionLayersStopsWithOneLine() throws IOException {
        Path dir = tokenizer("vit-tiny");
        edit(dir, "encoder.layers", new JsonPrimitive(1_000_000_000));
        Path img = Files.walk(BlockImages.write(tmp.resolve("images"), 1, 16, 1))
                .filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        int code;
        try {
            code = Main.run("reconstruct", "--model", dir.toString(), img.toString(), "--out", tmp.resolve("r.png").toString(),
                    "--threads", "1");
        } finally {
            System.setErr(old);
        }
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().lines()).filteredOn(l -> l.startsWith("error: ")).isNotEmpty()
                .allMatch(l -> l.contains("spec.json") && l.contains("encoder.layers = 1000000000 is out of range"));
        assertThat(err.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void zeroAndNegativeSizesMissingFieldsAndUnknownNamesAreRefusedByField() throws IOException {
        Object[][] cases = {
            {"encoder.width", new JsonPrimitive(0), "encoder.width = 0 is out of range (1..16384)"},
            {"decoder.mlpDim", new JsonPrimitive(-3), "decoder.mlpDim = -3 is out of range"},
            {"resolution", new JsonPrimitive(0), "resolution = 0 is out of range"},
            {"quantizer.codebookSize", new JsonPrimitive(1), "quantizer.codebookSize = 1 is out of range (2..65536)"},
            {"quantizer.lookupDim", new JsonPrimitive(-8), "quantizer.lookupDim = -8 is out of range"},
            {"loss.l2", new JsonPrimitive(-1), "loss.l2 = -1.0 is out of range"},
            {"decoder", null, "decoder is missing"},
            {"family", new JsonPrimitive("TRANSFORMER"), "family = 'TRANSFORMER' is unknown; known families: vit-vqgan"},
            {"encoder.layers", new JsonPrimitive("many"), "encoder.layers is not a valid value"},
        };
        Path saved = tokenizer("vit-tiny");
        String original = Files.readString(saved.resolve(CheckpointDir.SPEC));
        for (Object[] c : cases) {
            Files.writeString(saved.resolve(CheckpointDir.SPEC), original);
            edit(saved, (String) c[0], (JsonElement) c[1]);
            refused(saved, false, (String) c[2]);
        }
    }

    @Test
    void headsThatDoNotDivideTheWidthAndPatchesThatDoNotTileTheImageAreRefused() throws IOException {
        Path dir = tokenizer("vit-tiny");
        String original = Files.readString(dir.resolve(CheckpointDir.SPEC));
        edit(dir, "decoder.heads", new JsonPrimitive(5));
        refused(dir, false, "decoder.heads = 5 does not divide the width (64)");
        Files.writeString(dir.resolve(CheckpointDir.SPEC), original);
        edit(dir, "patchSize", new JsonPrimitive(5));
        refused(dir, false, "patchSize gives tokens of 5 pixels a side, which do not divide the resolution (16)");
    }

    @Test
    void aCnnSpecIsCheckedLevelByLevel() throws IOException {
        Path dir = tokenizer("cnn-tiny");
        JsonArray zero = new JsonArray();
        zero.add(1);
        zero.add(0);
        edit(dir, "cnn.channelMult", zero);
        refused(dir, false, "cnn.channelMult[1] = 0 is out of range");
        JsonArray deep = new JsonArray();
        for (int i = 0; i < 9; i++) {
            deep.add(1);
        }
        edit(dir, "cnn.channelMult", deep);
        refused(dir, false, "cnn.channelMult.length = 9 is out of range (1..8)");
    }

    @Test
    void aPriorSpecIsRefusedByFieldAndOneBeyondThisMachineBeforeItIsBuilt() throws IOException {
        Path dir = prior();
        String original = Files.readString(dir.resolve(CheckpointDir.SPEC));
        edit(dir, "layers", new JsonPrimitive(1_000_000_000));
        refused(dir, true, "layers = 1000000000 is out of range (1..256)");
        Files.writeString(dir.resolve(CheckpointDir.SPEC), original);
        edit(dir, "heads", new JsonPrimitive(3));
        refused(dir, true, "heads = 3 does not divide the width (32)");
        // Every field in range, the whole far beyond any machine (8 x 10^11 parameters): refused by its size.
        Files.writeString(dir.resolve(CheckpointDir.SPEC), original);
        edit(dir, "layers", new JsonPrimitive(256));
        edit(dir, "width", new JsonPrimitive(16384));
        edit(dir, "heads", new JsonPrimitive(16));
        edit(dir, "mlpDim", new JsonPrimitive(65536));
        refused(dir, true, "layers makes the model too large for this machine");
    }

    @Test
    void buildingAFreshModelTooLargeForThisMachineIsRefusedBeforeAllocating() {
        PriorSpec huge = new PriorSpec("huge", PriorKind.AR, 16, 8192, 10, 256, 16384, 16, 65536, 0f);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> PriorStore.build(m, huge)).isInstanceOf(SpecException.class)
                    .hasMessageContaining("too large for this machine");
            assertThat(((BaseNDManager) m).getManagedArrays()).isEmpty();
        }
        assertThatThrownBy(() -> ViTVqganSpec.presets().get("vit-tiny").withEncoderLayers(0))
                .isInstanceOf(SpecException.class).hasMessage("layers = 0 is out of range (1..256)");
    }
}
