package io.vqstudio.bridge.torchsave;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.TestEngine;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference checkpoints of test resources {@code reference/} (copied from the shared fixture
 * set: saved by the reference projects' own code) read completely and exactly. Exact values are
 * checked against {@code reference/torch-digests.json}: for every state-dict key, the SHA-256 of
 * the tensor's values upcast to float32 (floating) or int64 (integer), little-endian row-major,
 * as PyTorch 1.13's own {@code torch.load} gave them; the zip copy of the legacy taming checkpoint
 * gave the same digests, so the legacy reader is checked against the zip format too.
 */
class ReferenceCheckpointsTest {

    static Path resource(String name) throws URISyntaxException {
        return Path.of(ReferenceCheckpointsTest.class.getResource("/reference/" + name).toURI());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "taming-vqgan/checkpoints/last-legacy.ckpt", "enhancing-vitvq/checkpoints/imagenet_vitvq_small-epoch=09.ckpt",
        "llamagen-gpt/c2i_tiny_16.pt", "llamagen-gpt/c2i_tiny_16-bf16.pt", "llamagen-vq/vq_ds2_c2i-fp16.pt"})
    void everyManifestKeyIsThereWithItsShapeAndDtypeAndExactValues(String name) throws Exception {
        StateDict sd = TorchFile.read(resource(name)).stateDict();
        String folder = name.substring(0, name.indexOf('/'));
        JsonObject manifest = JsonParser.parseString(Files.readString(resource(folder + "/manifest.json"))).getAsJsonObject();
        String variantDtype = variantDtype(manifest, name.substring(folder.length() + 1));
        JsonObject digests = JsonParser.parseString(Files.readString(resource("torch-digests.json"))).getAsJsonObject()
                .getAsJsonObject(name);
        int count = 0;
        for (JsonElement e : manifest.getAsJsonArray("state_dict_keys")) {
            JsonObject k = e.getAsJsonObject();
            String key = k.get("key").getAsString();
            Object value = key.startsWith("loss.") ? sd.skipped().get(key) : sd.tensors().get(key);
            assertThat(value).as(key).isInstanceOf(TensorRef.class);
            TensorRef t = (TensorRef) value;
            long[] shape = new Gson().fromJson(k.get("shape"), long[].class);
            assertThat(t.shape()).as(key).containsExactly(shape);
            String dtype = k.get("dtype").getAsString();
            String expected = variantDtype != null && dtype.startsWith("float") ? variantDtype : dtype;
            assertThat(t.dtype().name().toLowerCase()).as(key).isEqualTo(expected);
            assertThat(digest(t)).as(key).isEqualTo(digests.get(key).getAsString());
            count++;
        }
        assertThat(count).isEqualTo(digests.size()).isEqualTo(sd.tensors().size() + loss(sd));
    }

    private static long loss(StateDict sd) {
        return sd.skipped().keySet().stream().filter(k -> k.startsWith("loss.")).count();
    }

    private static String variantDtype(JsonObject manifest, String file) {
        if (!manifest.has("variants")) {
            return null;
        }
        for (JsonElement v : manifest.getAsJsonArray("variants")) {
            JsonObject o = v.getAsJsonObject();
            if (o.get("file").getAsString().equals(file) && o.has("dtype") && !o.get("dtype").isJsonNull()) {
                return o.get("dtype").getAsString();
            }
        }
        return null;
    }

    static String digest(TensorRef t) throws Exception {
        ByteBuffer b;
        if (t.dtype().isFloating()) {
            float[] v = t.toFloats();
            b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(v);
        } else {
            long[] v = t.toLongs();
            b = ByteBuffer.allocate(8 * v.length).order(ByteOrder.LITTLE_ENDIAN);
            b.asLongBuffer().put(v);
        }
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    @Test
    void lightningCheckpointsGiveTheirStateDictAndCountersAndSetTrainingStateAside() throws Exception {
        Checkpoint legacy = TorchFile.read(resource("taming-vqgan/checkpoints/last-legacy.ckpt"));
        assertThat(legacy.format()).isEqualTo("legacy");
        assertThat(legacy.entries()).containsEntry("epoch", 12L).containsEntry("global_step", 40560L)
                .containsEntry("pytorch-lightning_version", "1.0.8").doesNotContainKeys("optimizer_states", "callbacks");
        assertThat(legacy.ignored()).containsExactly("callbacks", "optimizer_states");
        StateDict sd = legacy.stateDict();
        assertThat(sd.source()).isEqualTo("state_dict");
        assertThat(sd.prefixes()).containsKeys("encoder", "decoder", "quantize").doesNotContainKey("loss");
        assertThat(sd.skipped().keySet()).allMatch(k -> k.startsWith("loss."));

        Checkpoint zip = TorchFile.read(resource("enhancing-vitvq/checkpoints/imagenet_vitvq_small-epoch=09.ckpt"));
        assertThat(zip.format()).isEqualTo("zip");
        assertThat(zip.entries()).containsEntry("epoch", 10L).containsEntry("global_step", 50040L);
        assertThat(zip.stateDict().source()).isEqualTo("state_dict");
        assertThat(TorchFile.read(resource("llamagen-gpt/c2i_tiny_16.pt")).stateDict().source()).isEqualTo("model");
    }

    @Test
    void bfloat16CopyHoldsTheFloat32WeightsRoundedToNearestEven() throws Exception {
        Map<String, TensorRef> f32 = TorchFile.read(resource("llamagen-gpt/c2i_tiny_16.pt")).stateDict().tensors();
        Map<String, TensorRef> bf16 = TorchFile.read(resource("llamagen-gpt/c2i_tiny_16-bf16.pt")).stateDict().tensors();
        assertThat(bf16.keySet()).isEqualTo(f32.keySet());
        for (String key : f32.keySet()) {
            float[] full = f32.get(key).toFloats(), rounded = bf16.get(key).toFloats();
            for (int i = 0; i < full.length; i++) {
                int bits = Float.floatToRawIntBits(full[i]);
                int nearestEven = (bits + 0x7fff + ((bits >>> 16) & 1)) & 0xffff0000;
                assertThat(Float.floatToRawIntBits(rounded[i])).as(key + "[" + i + "]").isEqualTo(nearestEven);
            }
        }
    }

    @Test
    void toNDArrayGivesTheSameValuesAsToFloatsForEveryDtype() throws Exception {
        TestEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            for (String name : new String[] {"llamagen-gpt/c2i_tiny_16-bf16.pt", "llamagen-vq/vq_ds2_c2i-fp16.pt",
                    "enhancing-vitvq/checkpoints/imagenet_vitvq_small-epoch=09.ckpt"}) {
                for (TensorRef t : TorchFile.read(resource(name)).stateDict().tensors().values()) {
                    try (NDArray a = t.toNDArray(m)) {
                        assertThat(a.getShape().getShape()).containsExactly(t.shape());
                        if (t.dtype().isFloating()) {
                            assertThat(a.getDataType()).isEqualTo(DataType.FLOAT32);
                            assertThat(a.toFloatArray()).as(name + " " + t.name()).containsExactly(t.toFloats());
                        } else {
                            assertThat(a.toType(DataType.INT64, false).toLongArray()).containsExactly(t.toLongs());
                        }
                    }
                }
            }
        }
    }
}
