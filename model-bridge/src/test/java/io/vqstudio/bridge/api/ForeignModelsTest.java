package io.vqstudio.bridge.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a face learns about a model file before the engine opens it: torch file or not, and its family. */
class ForeignModelsTest {

    private static final Path REFERENCE = Path.of("src", "test", "resources", "reference");

    @TempDir
    Path dir;

    @Test
    void eachReferenceFixtureIsATorchFileOfItsFamily() throws IOException {
        assertFamily(REFERENCE.resolve("taming-vqgan/checkpoints/last-legacy.ckpt"), "taming-vqgan"); // legacy format
        assertFamily(REFERENCE.resolve("llamagen-vq/vq_ds2_c2i.pt"), "llamagen-vq"); // zip, {"model": ...}
        assertFamily(REFERENCE.resolve("llamagen-vq/vq_ds2_c2i-fp16.pt"), "llamagen-vq");
        assertFamily(REFERENCE.resolve("enhancing-vitvq/checkpoints/imagenet_vitvq_small-epoch=09.ckpt"), "enhancing-vitvq");
    }

    @Test
    void aPriorFileTellsItsFamilyAndKind() throws Exception {
        Path gpt = REFERENCE.resolve("llamagen-gpt/c2i_tiny_16.pt");
        assertThat(ForeignModels.isTorchFile(gpt)).isTrue();
        assertThat(ForeignModels.familyOf(gpt)).isEqualTo("llamagen-gpt");
        assertThat(VqBridge.checkpointKind(gpt)).isEqualTo("prior");
        Path cin = REFERENCE.resolve("taming-cond-transformer/checkpoints/last.ckpt"); // a prior with its first stage
        assertThat(ForeignModels.familyOf(cin)).isEqualTo("taming-gpt");
        assertThat(VqBridge.checkpointKind(cin)).isEqualTo("prior");
        assertThat(ForeignModels.carriesItsTokenizer("taming-gpt")).isTrue();
        assertThat(ForeignModels.carriesItsTokenizer("llamagen-gpt")).isFalse();
        assertThat(ForeignModels.carriesItsTokenizer("taming-vqgan")).isFalse();
        assertThat(ForeignModels.isPriorFamily("llamagen-gpt")).isTrue();
        assertThat(ForeignModels.isPriorFamily("taming-vqgan")).isFalse();
        assertThat(VqBridge.checkpointKind(cin)).isEqualTo("prior");
    }

    @Test
    void aTorchFileOfNoImportedFamilyIsOneSentenceNamingTheFileAndItsKeys(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        Path other = tmp.resolve("other.safetensors");
        try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager()) {
            io.vqstudio.bridge.io.SafeTensors.write(other, java.util.Map.of("head.a.weight", m.ones(new ai.djl.ndarray.types.Shape(2, 2)),
                    "head.b.weight", m.ones(new ai.djl.ndarray.types.Shape(2))), java.util.Map.of(),
                    io.vqstudio.bridge.io.SafeTensors.Storage.F32);
        }
        assertThat(ForeignModels.isTorchFile(other)).isTrue();
        assertThatThrownBy(() -> ForeignModels.familyOf(other))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("other.safetensors: is not a model of a family VQ Studio imports (tokenizers: ")
                .hasMessageContaining("its 2 weights start with head (2)")
                .hasMessageContaining("taming VQGAN").hasMessageContaining("LlamaGen GPT")
                .hasMessageNotContaining("\n");
    }

    @Test
    void otherFilesAreNotTorchFilesWhateverTheirNames() throws IOException {
        assertThat(ForeignModels.isTorchFile(Files.writeString(dir.resolve("notes.ckpt"), "not a checkpoint at all"))).isFalse();
        assertThat(ForeignModels.isTorchFile(Files.write(dir.resolve("short.pt"), new byte[] {'P', 'K', 3, 4}))).isFalse();
        assertThat(ForeignModels.isTorchFile(dir)).isFalse();
        assertThat(ForeignModels.isTorchFile(dir.resolve("missing.pt"))).isFalse();
        // A safetensors header under any name is one; our own checkpoint's weights file opens as that checkpoint.
        byte[] header = "{\"__metadata__\":{}}      ".getBytes(StandardCharsets.US_ASCII);
        byte[] st = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length)
                .put(header).array();
        assertThat(ForeignModels.isTorchFile(Files.write(dir.resolve("weights.bin"), st))).isTrue();
        Path ours = Files.createDirectories(dir.resolve("ckpt"));
        Files.writeString(ours.resolve("spec.json"), "{}");
        assertThat(ForeignModels.isTorchFile(Files.write(ours.resolve("model.safetensors"), st))).isFalse();
    }

    private static void assertFamily(Path file, String family) throws IOException {
        assertThat(ForeignModels.isTorchFile(file)).as(file.toString()).isTrue();
        assertThat(ForeignModels.familyOf(file)).isEqualTo(family);
    }
}
