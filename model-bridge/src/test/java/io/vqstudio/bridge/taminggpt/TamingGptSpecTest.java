package io.vqstudio.bridge.taminggpt;

import static io.vqstudio.bridge.taminggpt.TamingGptFixture.DIR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The spec read off a taming transformer's weights and yaml, the published size, and the one-line refusals. */
class TamingGptSpecTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @TempDir
    Path dir;

    private static final TamingGptSpec FIXTURE = new TamingGptSpec("taming-cond-transformer", 64, 17, 2, 4, 32, 10, 64, 4);

    @Test
    void specComesFromTheWeightsAndTheYamlBesideThem() throws Exception {
        StateDict sd = TamingGptFixture.stateDict();
        Inferred<TamingGptSpec> found = TamingGptSpec.infer(sd, Npy.resource(DIR + "configs/model.yaml"), null);
        assertThat(found.spec()).isEqualTo(FIXTURE);
        assertThat(found.spec().headDim()).isEqualTo(8);
        assertThat(found.explain()).contains("vocab_size = 64, n_embd = 32", "block_size = 17", "n_head = 4, n_classes = 10",
                "64 codes on a 4x4 grid", "model.yaml");
        assertThat(TamingGptSpec.infer(sd, Npy.resource(DIR + "configs/model.yaml"), 4).spec()).isEqualTo(FIXTURE);
    }

    @Test
    void withoutAYamlTheHeadsMustBeGiven() throws Exception {
        assertThatThrownBy(() -> TamingGptSpec.infer(TamingGptFixture.stateDict(), null, null)).isInstanceOf(ImportException.class)
                .hasMessage("last.ckpt: has no project yaml beside it (configs/model.yaml or configs/*-project.yaml), and the"
                        + " number of attention heads cannot be read off the weights; give the number of heads");
        assertThatThrownBy(() -> TamingGptSpec.infer(TamingGptFixture.stateDict(), null, 4)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith("last.ckpt: has no project yaml beside it to give its classes (n_classes), and its"
                        + " vocabulary of 64 cannot hold ImageNet's 1000");
    }

    /** A minGPT of ImageNet's vocabulary without yaml or first stage: heads as given, the rest assumed and said so. */
    @Test
    void withoutAYamlImageNetClassesAndTheLargestGridAreAssumed() throws Exception {
        Path file = dir.resolve("gpt.safetensors");
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingGpt random = new TamingGpt(m, new TamingGptSpec("x", 1024, 26, 1, 2, 8, 1000, 1024, 5));
            Map<String, NDArray> weights = new LinkedHashMap<>();
            random.parameters().forEach((k, v) -> weights.put("transformer." + k, v));
            SafeTensors.write(file, weights, Map.of(), SafeTensors.Storage.F32);
        }
        Inferred<TamingGptSpec> found = TamingGptSpec.infer(TorchFile.read(file).stateDict(), null, 2);
        assertThat(found.spec()).isEqualTo(new TamingGptSpec("gpt", 1024, 26, 1, 2, 8, 1000, 1024, 5));
        assertThat(found.explain()).contains("n_head = 2 as given", "n_classes = 1000 assumed", "grid 5x5 assumed",
                "assumed to be the whole vocabulary, 1024 codes");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "n_layer: 2|n_layer: 3|model.yaml: says transformer_config.params.n_layer = 3 but the weights of last.ckpt have 2",
        "vocab_size: 64|vocab_size: 65|model.yaml: says transformer_config.params.vocab_size = 65 but the weights of last.ckpt have 64",
        "n_embed: 64|n_embed: 32|model.yaml: says first_stage_config.params.n_embed = 32 but the weights of last.ckpt have 64",
        "n_head: 4|n_head: 5|model.yaml: gives a model outside the supported bounds: nHead = 5 does not divide nEmbd 32",
        "n_classes: 10|n_classes: 65|model.yaml: gives a model outside the supported bounds: numClasses = 65 is out of range",
        "resolution: 8|resolution: 16|model.yaml: gives a model outside the supported bounds: blockSize = 17 is out of range (64..",
        "target: taming.modules.util.Labelator|target: taming.modules.util.SOSProvider|model.yaml: model.params.cond_stage_config is"
                + " 'taming.modules.util.SOSProvider' (or unconditional is set): only class-conditional",
        "target: taming.modules.transformer.mingpt.GPT|target: x.GPT2|model.yaml: model.params.transformer_config.target is 'x.GPT2'",
        "n_head: 4|n_head: four|model.yaml: model.params.transformer_config.params.n_head is not an integer"})
    void aYamlThatDisagreesWithTheWeightsIsRefusedNamingTheField(String from, String to, String message) throws Exception {
        Path y = dir.resolve("model.yaml");
        String text = Files.readString(Npy.resource(DIR + "configs/model.yaml"));
        assertThat(text).contains(from);
        Files.writeString(y, text.replace(from, to));
        assertThatThrownBy(() -> TamingGptSpec.infer(TamingGptFixture.stateDict(), y, null)).isInstanceOf(ImportException.class)
                .hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }

    @Test
    void aYamlOfAnUnconditionalTransformerIsRefused() throws Exception {
        Path y = dir.resolve("model.yaml");
        String text = Files.readString(Npy.resource(DIR + "configs/model.yaml"));
        int cond = text.indexOf("    cond_stage_config:");
        Files.writeString(y, text.substring(0, cond) + "    cond_stage_config: __is_unconditional__\n");
        assertThatThrownBy(() -> TamingGptSpec.infer(TamingGptFixture.stateDict(), y, null))
                .hasMessageStartingWith("model.yaml: model.params.cond_stage_config is '__is_unconditional__'");
    }

    /** The fixture's weights, edited, written as a safetensors file of their own. */
    private StateDict edited(Consumer<Map<String, NDArray>> edit, NDManager m) throws Exception {
        Map<String, NDArray> weights = new LinkedHashMap<>();
        for (var e : TamingGptFixture.stateDict().tensors().entrySet()) {
            weights.put(e.getKey(), e.getValue().toNDArray(m));
        }
        edit.accept(weights);
        Path file = dir.resolve("bad.safetensors");
        SafeTensors.write(file, weights, Map.of(), SafeTensors.Storage.F32);
        return TorchFile.read(file).stateDict();
    }

    @Test
    void malformedFilesAreRefusedInOneLineNamingTheFile() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            StateDict missing = edited(w -> w.remove("transformer.blocks.1.mlp.2.bias"), m);
            assertThatThrownBy(() -> TamingGpt.load(missing, FIXTURE, m)).isInstanceOf(ImportException.class)
                    .hasMessage("bad.safetensors: does not fit the taming transformer its spec describes: missing 1"
                            + " (blocks.1.mlp.2.bias [32])");
            StateDict wrongShape = edited(w -> w.put("transformer.ln_f.weight", m.ones(new ai.djl.ndarray.types.Shape(33))), m);
            assertThatThrownBy(() -> TamingGpt.load(wrongShape, FIXTURE, m)).isInstanceOf(ImportException.class)
                    .hasMessage("bad.safetensors: does not fit the taming transformer its spec describes: wrong shape 1"
                            + " (ln_f.weight is [33] in the file, [32] in the model)");
            StateDict badPositions = edited(w -> w.put("transformer.pos_emb", m.zeros(new ai.djl.ndarray.types.Shape(1, 17, 31))), m);
            assertThatThrownBy(() -> TamingGptSpec.infer(badPositions, null, 4)).isInstanceOf(ImportException.class)
                    .hasMessage("bad.safetensors: weight 'transformer.pos_emb' has shape [1, 17, 31]; expected (1, block_size, 32)");
            StateDict noQuery = edited(w -> w.remove("transformer.blocks.0.attn.query.weight"), m);
            assertThatThrownBy(() -> TamingGptSpec.infer(noQuery, null, 4)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("bad.safetensors: has no weight 'transformer.blocks.0.attn.query.weight'");
            StateDict noTable = edited(w -> w.remove("transformer.tok_emb.weight"), m);
            assertThatThrownBy(() -> TamingGptSpec.infer(noTable, null, 4)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("bad.safetensors: is not a taming transformer checkpoint: it has no weight 'tok_emb.weight'");
            StateDict unmasked = edited(w -> w.put("transformer.blocks.1.attn.mask", m.ones(new ai.djl.ndarray.types.Shape(1, 1, 17, 17))), m);
            assertThatThrownBy(() -> TamingGpt.load(unmasked, FIXTURE, m)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("bad.safetensors: buffer 'transformer.blocks.1.attn.mask' is not the causal mask (row 0 sees"
                            + " position 1");
            assertThatThrownBy(() -> TamingGptSpec.infer(TamingGptFixture.stateDict(), null, 5)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("last.ckpt: ");
        }
    }

    @Test
    void unconditionalSamplingAndGuidanceAreRefused() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            var prior = TamingGptFixture.load(m).asPrior();
            assertThat(prior.shape().nullClass()).isFalse();
            int[] empty = new int[16];
            java.util.Arrays.fill(empty, -1);
            var s = io.vqstudio.bridge.core.SamplingSpec.defaults();
            assertThatThrownBy(() -> prior.generate(m, empty, -1, 1, s, io.vqstudio.bridge.prior.Prior.PartialListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("class-conditional only");
            assertThatThrownBy(() -> prior.generate(m, empty, 3, 1, s.withCfgScale(2f), io.vqstudio.bridge.prior.Prior.PartialListener.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be guided");
            assertThatThrownBy(() -> prior.nllMap(m, new int[16], -1)).hasMessageContaining("class-conditional only");
        }
    }

    @Test
    void aCondTransformerIsRecognisedByItsKeysAndNothingElseIs() throws Exception {
        assertThat(TamingGptSpec.recognises(TamingGptFixture.stateDict())).isTrue();
        assertThat(TamingGptSpec.recognises(TorchFile.read(Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt")).stateDict())).isFalse();
        assertThat(TamingGptSpec.recognises(TorchFile.read(Npy.resource("llamagen-gpt/c2i_tiny_16.pt")).stateDict())).isFalse();
    }

    @Test
    void thePublishedSizeHasTamingsShape() {
        TamingGptSpec cin = TamingGptSpec.presets().get("cin_transformer");
        assertThat(cin).isEqualTo(new TamingGptSpec("cin_transformer", 16384, 256, 48, 24, 1536, 1000, 16384, 16));
        assertThat(cin.headDim()).isEqualTo(64);
        assertThat(cin.tokens()).isEqualTo(256);
    }

    @Test
    void outOfBoundsFieldsAreNamed() {
        assertThatThrownBy(() -> new TamingGptSpec("x", 64, 17, 2, 5, 32, 10, 64, 4)).isInstanceOf(SpecException.class)
                .hasMessageContaining("nHead");
        assertThatThrownBy(() -> new TamingGptSpec("x", 64, 15, 2, 4, 32, 10, 64, 4)).isInstanceOf(SpecException.class)
                .hasMessageContaining("blockSize");
        assertThatThrownBy(() -> new TamingGptSpec("x", 64, 17, 2, 4, 32, 10, 65, 4)).isInstanceOf(SpecException.class)
                .hasMessageContaining("codebookSize");
        assertThatThrownBy(() -> new TamingGptSpec("x", 64, 17, 2, 4, 32, 65, 64, 4)).isInstanceOf(SpecException.class)
                .hasMessageContaining("numClasses");
    }
}
