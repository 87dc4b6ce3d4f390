package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the taming importer refuses, each in one line naming the file and the field: specs out of
 * bounds, configs that disagree with the weights or are not plain YAML, weights that do not fit.
 */
class TamingImportRefusalsTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @TempDir
    Path dir;

    private static StateDict fixture() throws Exception {
        return TorchFile.read(Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt")).stateDict();
    }

    private Path yaml(String text) throws Exception {
        Path f = dir.resolve("model.yaml");
        Files.writeString(f, text);
        return f;
    }

    private static String fixtureYaml() throws Exception {
        return Files.readString(Npy.resource("taming-vqgan/configs/model.yaml"));
    }

    @Test
    void specFieldsOutOfBoundsAreNamed() {
        assertThatThrownBy(() -> new TamingVqganSpec("m", 256, 128, List.of(1, 0), 2, List.of(16), 256, 256, 1024))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("chMult[1] = 0 is out of range");
        assertThatThrownBy(() -> new TamingVqganSpec("m", 250, 128, List.of(1, 1, 2, 2, 4), 2, List.of(16), 256, 256, 1024))
                .hasMessageStartingWith("resolution = 250 is not a multiple of the down-sampling factor 16");
        assertThatThrownBy(() -> new TamingVqganSpec("m", 256, 128, List.of(1, 1, 2, 2, 4), 2, List.of(16), 256, 256, 70000))
                .hasMessageStartingWith("nEmbed = 70000 is out of range");
    }

    @Test
    void withoutAConfigTheResolutionIs256AndTheExplanationSaysSo() throws Exception {
        Inferred<TamingVqganSpec> found = TamingVqganSpec.infer(fixture(), null);
        assertThat(found.spec().resolution()).isEqualTo(256);
        assertThat(found.spec().attnResolutions()).containsExactly(128); // level 1 at 256 px
        assertThat(found.explain()).contains("No model.yaml", "resolution 256 px is assumed");
        assertThat(found.spec().withResolution(32))
                .isEqualTo(new TamingVqganSpec("taming-vqgan", 32, 32, List.of(1, 2), 1, List.of(16), 16, 16, 64));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "n_embed: 64|n_embed: 128|model.yaml: says n_embed = 128 but the weights of last-legacy.ckpt have 64",
        "ch: 32|ch: 64|model.yaml: says ch = 64 but the weights of last-legacy.ckpt have 32",
        "num_res_blocks: 1|num_res_blocks: 2|model.yaml: says num_res_blocks = 2",
        "      - 16|      - 8|model.yaml: puts attention on level(s) [] (attn_resolutions [8] at resolution 32) but last-legacy.ckpt has attention weights on level(s) [1]",
        "ch: 32|ch: 3.5|model.yaml: model.params.ddconfig.ch is '3.5', not an integer",
        "double_z: false|double_z: true|model.yaml: model.params.ddconfig.double_z is missing or true",
        "target: taming.models.vqgan.VQModel|target: taming.models.vqgan.GumbelVQ|model.yaml: model.target is 'taming.models.vqgan.GumbelVQ'"})
    void aConfigThatDisagreesWithTheWeightsIsRefusedNamingTheField(String from, String to, String message) throws Exception {
        Path y = yaml(fixtureYaml().replace(from, to));
        assertThatThrownBy(() -> TamingVqganSpec.infer(fixture(), TamingYaml.read(y)))
                .isInstanceOf(ImportException.class).hasMessageStartingWith(message).hasMessageNotContaining("\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "model: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL ['http://x/']]]]",
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "model: {params: {ddconfig: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}}",
        "model: {target: taming.models.vqgan.VQModel, target: x}",
        "- just a list"})
    void hostileOrMalformedYamlIsRefusedInOneLine(String text) throws Exception {
        Path y = yaml(text.replace("\\n", "\n"));
        assertThatThrownBy(() -> TamingYaml.read(y))
                .isInstanceOf(ImportException.class).hasMessageStartingWith("model.yaml: ").hasMessageNotContaining("\n");
    }

    @Test
    void weightsThatDoNotFitTheSpecAreListedWithTheirShapes() throws Exception {
        TamingVqganSpec right = TamingVqganSpec.infer(fixture(), null).spec().withResolution(32);
        TamingVqganSpec noAttention = new TamingVqganSpec("x", 32, 32, List.of(1, 2), 1, List.of(), 16, 16, 64);
        assertThatThrownBy(() -> TamingVqganTokenizer.load(fixture(), noAttention, ENGINE.manager()))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("last-legacy.ckpt: does not fit the taming VQGAN its spec describes: unexpected 30 (")
                .hasMessageContaining("encoder.down.1.attn.0.norm.weight [64]").hasMessageNotContaining("\n");
        TamingVqganSpec moreCodes = new TamingVqganSpec("x", 32, 32, List.of(1, 2), 1, List.of(16), 16, 16, 128);
        assertThatThrownBy(() -> TamingVqganTokenizer.load(fixture(), moreCodes, ENGINE.manager()))
                .hasMessageEndingWith("wrong shape 1 (quantize.embedding.weight is [64, 16] in the file, [128, 16] in the model)");
        TamingVqganSpec twoBlocks = new TamingVqganSpec("x", 32, 32, List.of(1, 2), 2, List.of(16), 16, 16, 64);
        assertThatThrownBy(() -> TamingVqganTokenizer.load(fixture(), twoBlocks, ENGINE.manager()))
                .hasMessageContaining("missing").hasMessageContaining("encoder.down.0.block.1.conv1.weight [32, 32, 3, 3]");
        assertThat(TamingVqganTokenizer.load(fixture(), right, ENGINE.manager()).parameterCount()).isPositive();
    }

    @Test
    void aLlamaGenFileIsNotTakenForATamingOne() throws Exception {
        StateDict llamagen = TorchFile.read(Npy.resource("llamagen-vq/vq_ds2_c2i.pt")).stateDict();
        assertThatThrownBy(() -> TamingVqganSpec.infer(llamagen, null)).isInstanceOf(ImportException.class)
                .hasMessage("vq_ds2_c2i.pt: has no weight 'encoder.down.0.block.0.conv1.weight'; it is not a taming VQGAN"
                        + " of the layout this importer reads");
    }
}
