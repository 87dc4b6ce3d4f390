package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.io.CheckpointDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerStoreTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        TestEngine.start();
        Engine.getInstance().setRandomSeed(11);
    }

    private Path save(String preset) throws IOException {
        Path dir = tmp.resolve(preset);
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset(preset));
            CheckpointDir.writeAtomically(dir, d -> TokenizerStore.writeInto(d, t, 5, "# card\n", null));
        }
        return dir;
    }

    @Test
    void saveThenLoadGivesTheSameOutputs() throws IOException {
        Path dir = tmp.resolve("ck");
        float[] before;
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16), ai.djl.ndarray.types.DataType.FLOAT32);
            before = t.decode(t.encode(x)).toFloatArray();
            CheckpointDir.writeAtomically(dir, d -> TokenizerStore.writeInto(d, t, 5, "# card\n", null));
            try (NDManager m2 = NDManager.newBaseManager()) {
                TokenizerStore.Loaded loaded = TokenizerStore.load(dir, m2);
                assertThat(loaded.header().step()).isEqualTo(5);
                assertThat(loaded.header().id()).hasSize(16);
                float[] after = loaded.tokenizer().decode(loaded.tokenizer().encode(x)).toFloatArray();
                assertThat(after).containsExactly(before);
            }
        }
        assertThat(Files.readString(dir.resolve("MODEL_CARD.md"))).contains("card");
        assertThat(Arrays.stream(dir.toFile().list()).sorted()).containsExactly("MODEL_CARD.md", "model.safetensors", "spec.json");
    }

    @Test
    void aHalfPrecisionExportKeepsTheIdentityAndNearlyTheOutputs() throws IOException {
        Path dir = save("vit-tiny");
        Path out = tmp.resolve("export");
        long bytes = io.vqstudio.bridge.io.ModelExport.export(dir, out, io.vqstudio.bridge.io.SafeTensors.Storage.F16, null);
        assertThat(bytes).isLessThan(Files.size(dir.resolve("model.safetensors")));
        try (NDManager m = NDManager.newBaseManager()) {
            TokenizerStore.Loaded a = TokenizerStore.load(dir, m), b = TokenizerStore.load(out, m);
            assertThat(b.header().id()).isEqualTo(a.header().id());
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray za = a.tokenizer().encodeContinuous(x), zb = b.tokenizer().encodeContinuous(x);
            assertThat(za.sub(zb).abs().max().getFloat()).isLessThan(0.05f);
        }
        assertThat(Files.exists(out.resolve("MODEL_CARD.md"))).isTrue();
    }

    @Test
    void aCnnCheckpointRoundTripsToo() throws IOException {
        Path dir = save("cnn-tiny");
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(TokenizerStore.load(dir, m).tokenizer().spec()).isInstanceOf(io.vqstudio.bridge.cnn.CnnVqganSpec.class);
        }
    }

    @Test
    void theWrongKindOfCheckpointIsRefusedByName() throws IOException {
        Path dir = save("vit-tiny");
        Files.writeString(dir.resolve("spec.json"), Files.readString(dir.resolve("spec.json"))
                .replace("\"kind\": \"tokenizer\"", "\"kind\": \"prior\""));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).isInstanceOf(IOException.class)
                    .hasMessageContaining("holds a prior, not a tokenizer");
        }
    }

    @Test
    void aTruncatedWeightsFileGivesAClearError() throws IOException {
        Path dir = save("vit-tiny");
        Path w = dir.resolve("model.safetensors");
        byte[] all = Files.readAllBytes(w);
        Files.write(w, Arrays.copyOf(all, all.length / 2));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).isInstanceOf(IOException.class)
                    .hasMessageContaining("truncated");
        }
        Files.write(w, new byte[3]);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).hasMessageContaining("truncated");
        }
    }

    @Test
    void aSpecThatDoesNotMatchItsWeightsGivesAClearError() throws IOException {
        Path dir = save("vit-tiny");
        Files.writeString(dir.resolve("spec.json"), Files.readString(dir.resolve("spec.json"))
                .replace("\"lookupDim\": 8", "\"lookupDim\": 4"));
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).isInstanceOf(IOException.class)
                    .hasMessageContaining("does not match its spec").hasMessageContaining("quantizer");
        }
    }

    @Test
    void aFolderThatIsNoCheckpointAndCorruptJsonAreRefused() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(tmp, m)).hasMessageContaining("No checkpoint at");
            Path dir = save("vit-tiny");
            Files.writeString(dir.resolve("spec.json"), "{ not json");
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).hasMessageContaining("not valid JSON");
        }
    }
}
