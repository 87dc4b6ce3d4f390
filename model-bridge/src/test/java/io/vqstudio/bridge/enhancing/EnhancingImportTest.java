package io.vqstudio.bridge.enhancing;

import io.vqstudio.bridge.imports.ImportException;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Shape inference, config checks and weight matching for enhancing-transformers checkpoints. */
class EnhancingImportTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(11).withoutGradients();

    static final Path CKPT = EnhancingVitvqReferenceTest.CKPT;
    static final Path YAML = EnhancingVitvqReferenceTest.DIR.resolve("configs/model.yaml");

    static StateDict fixture() throws Exception {
        return TorchFile.read(CKPT).stateDict();
    }

    @Test
    void theFixtureWithItsConfigGivesItsSizesAndSaysWhy() throws Exception {
        ShapeInference.Inferred inf = ShapeInference.infer(fixture(), YAML);
        EnhancingVitvqSpec.Stack stack = new EnhancingVitvqSpec.Stack(64, 2, 2, 32, 128);
        assertThat(inf.spec()).isEqualTo(new EnhancingVitvqSpec("enhancing-vitvq", 32, 8, stack, stack, 8, 64));
        assertThat(String.join("\n", inf.explanation()))
                .contains("patch 8 x 8", "4 x 4 tokens, so 32 px", "2 heads of 32", "split is model.yaml's",
                        "64 codes of dimension 8", "[0, 1]", "model.yaml agrees");
    }

    @Test
    void withoutItsConfigTheFixturesHeadsCannotBeToldAndItIsRefused() {
        // to_qkv is [192, 64]: the default dim_head 64 gives one head as wide as the model, which would have no to_out.
        assertThatThrownBy(() -> ShapeInference.infer(fixture(), (Path) null))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("would have no to_out").hasMessageContaining("configs/*.yaml");
    }

    @Test
    void aConfigThatDisagreesWithTheWeightsIsRefusedInOneSentence() throws Exception {
        String yaml = Files.readString(YAML).replaceFirst("depth: 2", "depth: 3");
        assertThatThrownBy(() -> ShapeInference.infer(fixture(), yaml, "model.yaml"))
                .isInstanceOf(ImportException.class)
                .hasMessage("model.yaml says encoder.depth 3 but the weights show 2");
        String heads = Files.readString(YAML).replaceFirst("dim_head: 32", "dim_head: 16");
        assertThatThrownBy(() -> ShapeInference.infer(fixture(), heads, "model.yaml"))
                .hasMessageContaining("says encoder heads 2 and dim_head 16, but encoder's to_qkv.weight is [192, 64]");
    }

    @Test
    void theEarlierConfigLayoutIsReadToo() throws Exception {
        String yaml = "model:\n  target: enhancing.modules.stage1.vitvqgan.ViTVQ\n  params:\n    hparams:\n"
                + "      image_size: 32\n      patch_size: 8\n      dim: 64\n      depth: 2\n      heads: 2\n"
                + "      dim_head: 32\n      mlp_dim: 128\n    qparams:\n      embed_dim: 8\n      n_embed: 64\n";
        assertThat(ShapeInference.infer(fixture(), yaml, "old.yaml").spec().encoder().heads()).isEqualTo(2);
    }

    @Test
    void hostileOrForeignConfigsAreRefusedInOneLine() {
        String[] bad = {
            "model: !!python/object/apply:os.system ['echo owned']",
            "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\n"
                    + "d: [*c, *c, *c, *c, *c, *c, *c, *c]",
            "model:\n  target: enhancing.modules.stage1.vitvqgan.ViTVQGumbel\n",
            "model:\n  params:\n    encoder:\n      heads: two\n",
            "model:\n  params:\n    quantizer:\n      use_residual: true\n",
            "model: [1, 2]",
        };
        for (String yaml : bad) {
            assertThatThrownBy(() -> ShapeInference.infer(fixture(), yaml, "bad.yaml"))
                    .as(yaml).isInstanceOf(ImportException.class)
                    .satisfies(e -> assertThat(e.getMessage()).startsWith("bad.yaml").doesNotContain("\n"));
        }
    }

    @Test
    void weightsThatDoNotFitTheSpecAreListedWithShapes() throws Exception {
        EnhancingVitvqSpec.Stack deeper = new EnhancingVitvqSpec.Stack(64, 3, 2, 32, 128);
        EnhancingVitvqSpec.Stack ok = new EnhancingVitvqSpec.Stack(64, 2, 2, 32, 128);
        NDManager m = engine.manager();
        assertThatThrownBy(() -> EnhancingVitvq.load(fixture(), new EnhancingVitvqSpec("x", 32, 8, deeper, ok, 8, 64), m))
                .isInstanceOf(ImportException.class)
                .hasMessageStartingWith("imagenet_vitvq_small-epoch=09.ckpt: does not fit the model inferred for them (x): missing 11 (")
                .hasMessageContaining("encoder.transformer.layers.2.0.norm.weight [64]");
        assertThatThrownBy(() -> EnhancingVitvq.load(fixture(), new EnhancingVitvqSpec("x", 32, 8, ok, ok, 16, 64), m))
                .hasMessageContaining("wrong shape 4 (pre_quant.weight is [8, 64] in the file, [16, 64] in the model")
                .hasMessageContaining("quantizer.embedding.weight is [64, 8] in the file, [64, 16] in the model");
    }

    @Test
    void olderKeyNamesAndNoConfigWhereTheShapesSettleTheHeads(@TempDir Path dir) throws Exception {
        NDManager m = engine.manager();
        // Encoder: 2 heads of the default 64 at width 128; decoder: one head as wide as the model, so no to_out.
        EnhancingVitvqSpec spec = new EnhancingVitvqSpec("enhancing-vitvq", 16, 4,
                new EnhancingVitvqSpec.Stack(128, 1, 2, 64, 64), new EnhancingVitvqSpec.Stack(64, 1, 1, 64, 32), 8, 16);
        EnhancingVitvq original = new EnhancingVitvq(m, spec);
        assertThat(original.parameters()).doesNotContainKey("decoder.transformer.layers.0.0.fn.to_out.weight");
        Map<String, NDArray> older = new LinkedHashMap<>();
        original.parameters().forEach((k, v) -> older.put(k.replace("encoder.transformer.norm.", "encoder.norm.")
                .replace("decoder.to_pixel.1.", "decoder.to_pixel.conv_out."), v));
        assertThat(older).containsKey("encoder.norm.weight").containsKey("decoder.to_pixel.conv_out.bias");
        Path file = dir.resolve("old.safetensors");
        SafeTensors.write(file, older, Map.of(), SafeTensors.Storage.F32);
        StateDict sd = TorchFile.read(file).stateDict();
        ShapeInference.Inferred inf = ShapeInference.infer(sd, (Path) null);
        assertThat(inf.spec()).isEqualTo(spec);
        assertThat(String.join("\n", inf.explanation())).contains("assumes dim_head 64", "only case in which the reference has no to_out");
        EnhancingVitvq loaded = EnhancingVitvq.load(sd, inf.spec(), m);
        NDArray images = m.randomUniform(-1f, 1f, new Shape(3, 3, 16, 16));
        NDArray codes = original.encode(images);
        assertThat(loaded.encode(images).toLongArray()).containsExactly(codes.toLongArray());
        assertThat(loaded.decode(codes).toFloatArray()).containsExactly(original.decode(codes).toFloatArray());
    }

    @Test
    void aRandomModelOfThePublishedSmallSizeTokenizesA256PixelImage() {
        NDManager m = engine.manager();
        EnhancingVitvqSpec small = EnhancingVitvqSpec.preset("imagenet_vitvq_small");
        EnhancingVitvq model = new EnhancingVitvq(m, small);
        assertThat(model.parameterCount()).isEqualTo(small.footprint().parameters());
        NDArray codes = model.encode(m.randomUniform(-1f, 1f, new Shape(1, 3, 256, 256)));
        assertThat(codes.getShape()).isEqualTo(new Shape(1, 32, 32));
        assertThat(codes.getDataType()).isEqualTo(DataType.INT64);
        assertThat(codes.min().getLong()).isGreaterThanOrEqualTo(0);
        assertThat(codes.max().getLong()).isLessThan(8192);
        NDArray images = model.decode(codes);
        assertThat(images.getShape()).isEqualTo(new Shape(1, 3, 256, 256));
        assertThat(images.isNaN().any().getBoolean()).isFalse();
    }

    @Test
    void specsOutsideTheBoundsNameTheirField() {
        EnhancingVitvqSpec.Stack ok = new EnhancingVitvqSpec.Stack(64, 2, 2, 32, 128);
        assertThatThrownBy(() -> new EnhancingVitvqSpec.Stack(66, 2, 2, 32, 128))
                .isInstanceOf(SpecException.class).hasMessageStartingWith("dim = 66 is not a multiple of 4");
        assertThatThrownBy(() -> new EnhancingVitvqSpec("x", 30, 8, ok, ok, 8, 64)).hasMessageStartingWith("patchSize");
        assertThatThrownBy(() -> new EnhancingVitvqSpec("x", 32, 8, ok, ok, 8, 70000)).hasMessageStartingWith("nEmbed");
    }
}
