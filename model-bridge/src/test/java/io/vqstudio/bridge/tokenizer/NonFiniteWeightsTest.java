package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.family.Families;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.UserMessages;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A checkpoint whose weights hold a NaN or an infinity is refused at load, naming the file and the
 * tensor: such weights load and run, and a NaN LayerNorm weight gave a flat image reported as 9.5 dB.
 */
class NonFiniteWeightsTest {

    @TempDir
    Path tmp;

    @BeforeEach
    void start() {
        TestEngine.start();
    }

    /** Overwrites the {@code index}-th float of tensor {@code name} in a float32 safetensors file. */
    static void poke(Path file, String name, int index, float value) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength = (int) b.getLong(0);
        JsonObject header = Json.GSON.fromJson(new String(all, 8, headerLength, StandardCharsets.UTF_8), JsonObject.class);
        JsonObject t = header.getAsJsonObject(name);
        assertThat(t.get("dtype").getAsString()).isEqualTo("F32");
        JsonArray offsets = t.getAsJsonArray("data_offsets");
        b.putFloat(8 + headerLength + offsets.get(0).getAsInt() + 4 * index, value);
        Files.write(file, all);
    }

    @Test
    void aNanInALayerNormWeightIsRefusedNamingTheTensor() throws IOException {
        Path dir = tmp.resolve("tok");
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            CheckpointDir.writeAtomically(dir, d -> TokenizerStore.writeInto(d, t, 5, "# card\n", null));
        }
        poke(dir.resolve(CheckpointDir.WEIGHTS), "encoder.blocks.0.ln1.weight", 7, Float.NaN);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> TokenizerStore.load(dir, m)).isInstanceOf(IOException.class)
                    .hasMessage(dir.resolve(CheckpointDir.WEIGHTS) + ": tensor 'encoder.blocks.0.ln1.weight' holds NaN")
                    .satisfies(e -> assertThat(UserMessages.describe(e)).contains("model.safetensors: tensor").doesNotContain("\n"));
        }
    }

    @Test
    void anInfinityInAPriorsWeightsIsRefusedNamingTheTensor() throws IOException {
        Path dir = tmp.resolve("prior");
        try (NDManager m = NDManager.newBaseManager()) {
            var p = PriorStore.build(m, PriorSpec.preset(PriorKind.MASKGIT, "maskgit-tiny"));
            CheckpointDir.writeAtomically(dir, d -> PriorStore.writeInto(d, p, "tok", List.of("a", "b"), 3, "# card\n"));
        }
        poke(dir.resolve(CheckpointDir.WEIGHTS), "head.weight", 0, Float.NEGATIVE_INFINITY);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThatThrownBy(() -> PriorStore.load(dir, m)).isInstanceOf(IOException.class)
                    .hasMessageEndingWith("model.safetensors: tensor 'head.weight' holds an infinite value");
        }
    }
}
