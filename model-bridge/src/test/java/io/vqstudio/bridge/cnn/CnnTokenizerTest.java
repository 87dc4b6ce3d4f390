package io.vqstudio.bridge.cnn;

import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The CNN baselines (taming's VQGAN, VQ-VAE) as tokenizers: shapes, layout, names and gradient flow. */
class CnnTokenizerTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @ParameterizedTest
    @ValueSource(strings = {"cnn-tiny", "vqvae-tiny"})
    void encodesToAGridAndDecodesToImagesInRange(String preset) {
        CnnTokenizerSpec spec = (CnnTokenizerSpec) Families.tokenizerPreset(preset);
        CnnTokenizer tok = new CnnTokenizer(ENGINE.manager(), spec);
        int g = 16 / spec.cnn().factor();
        try (NDManager step = ENGINE.manager().newSubManager()) {
            NDArray images = step.randomUniform(-1f, 1f, new Shape(2, 3, 16, 16));
            assertThat(tok.gridSize()).isEqualTo(g);
            assertThat(tok.encodeContinuous(images).getShape())
                    .isEqualTo(new Shape(2, (long) g * g, spec.cnn().zChannels()));
            NDArray grid = tok.encode(images);
            assertThat(grid.getShape()).isEqualTo(new Shape(2, g, g));
            NDArray decoded = tok.decode(grid);
            assertThat(decoded.getShape()).isEqualTo(new Shape(2, 3, 16, 16));
            assertThat(decoded.min().getFloat()).isGreaterThanOrEqualTo(-1f);
            assertThat(decoded.max().getFloat()).isLessThanOrEqualTo(1f);
            NDArray raw = tok.decodeRaw(tok.quantize(images).quantized());
            assertThat(raw.getShape()).isEqualTo(new Shape(2, PixelHead.CHANNELS, 16, 16));
        }
    }

    @Test
    void parameterNamesFollowTamingsStateDict() {
        CnnTokenizer tok = new CnnTokenizer(ENGINE.manager(), CnnVqganSpec.presets().get("cnn-tiny")); // channel mult (1, 2), 1 block
        assertThat(tok.parameters()).containsKeys(
                "encoder.conv_in.weight",
                "encoder.down.0.block.0.norm1.weight",
                "encoder.down.0.block.0.conv1.weight",
                "encoder.down.0.downsample.conv.weight",
                "encoder.down.1.block.0.nin_shortcut.weight",
                "encoder.mid.block_1.conv2.bias",
                "encoder.mid.attn_1.q.weight",
                "encoder.mid.attn_1.proj_out.weight",
                "encoder.norm_out.weight",
                "encoder.conv_out.weight",
                "quant_conv.weight",
                "quantizer.codebook",
                "post_quant_conv.weight",
                "decoder.conv_in.weight",
                "decoder.mid.attn_1.k.weight",
                "decoder.up.1.block.1.conv2.weight",
                "decoder.up.1.upsample.conv.weight",
                "decoder.up.0.block.0.nin_shortcut.weight",
                "decoder.norm_out.bias",
                "decoder.conv_out.weight");
        assertThat(tok.parameters()).doesNotContainKeys("encoder.down.1.downsample.conv.weight",
                "decoder.up.0.upsample.conv.weight");
        assertThat(tok.lastLayerWeight().getShape()).isEqualTo(new Shape(PixelHead.CHANNELS, 16, 3, 3));
    }

    @Test
    void vqvaeHasNoAttentionAndAPlainCodebook() {
        CnnTokenizer tok = new CnnTokenizer(ENGINE.manager(), VqVaeSpec.presets().get("vqvae-tiny"));
        assertThat(tok.parameters().keySet()).noneMatch(name -> name.contains("attn"));
        assertThat(tok.parameters()).containsKeys("encoder.mid.block_1.conv1.weight", "encoder.mid.block_2.conv1.weight");
        assertThat(tok.parameters().keySet()).noneMatch(name -> name.startsWith("quantizer.proj_"));
        assertThat(tok.quantizer().spec().l2()).isFalse();
    }

    @Test
    void tokensAreInRasterOrderAndGridIsTheInverse() {
        try (NDManager step = ENGINE.manager().newSubManager()) {
            // z[0, c, r, col] = 100 c + 10 r + col, a 2-channel 3x3 map.
            NDArray z = step.arange(0f, 18f).reshape(1, 2, 3, 3);
            z = z.div(9).floor().mul(100).add(z.div(3).floor().mod(3).mul(10)).add(z.mod(3));
            NDArray tokens = CnnTokenizer.toTokens(z);
            assertThat(tokens.getShape()).isEqualTo(new Shape(1, 9, 2));
            assertThat(tokens.get(0, 5).toFloatArray()).containsExactly(12f, 112f); // token 5 = (r 1, col 2)
            assertThat(CnnTokenizer.toGrid(tokens, 3).toFloatArray()).containsExactly(z.toFloatArray());
        }
    }

    @Test
    void straightThroughGradientReachesTheEncodersFirstConv() {
        CnnTokenizer tok = new CnnTokenizer(ENGINE.manager(), CnnVqganSpec.presets().get("cnn-tiny"));
        NDArray convIn = tok.parameters().get("encoder.conv_in.weight");
        try (NDManager step = ENGINE.manager().newSubManager();
             GradientCollector gc = Engine.getEngine("PyTorch").newGradientCollector()) {
            NDArray images = step.randomUniform(-1f, 1f, new Shape(2, 3, 16, 16));
            NDArray raw = tok.decodeRaw(tok.quantize(images).quantized());
            gc.backward(raw.get(":, 0:3").sub(images).square().mean());  // reconstruction only, no codebook loss
            assertThat(convIn.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        }
    }

    @Test
    void aScopedStepLeavesNoArraysInTheModelsManager() {
        try (NDManager model = ENGINE.manager().newSubManager()) {
            CnnTokenizer tok = new CnnTokenizer(model, CnnVqganSpec.presets().get("cnn-tiny"));
            int before = ((BaseNDManager) model).getManagedArrays().size();
            try (NDManager step = ENGINE.manager().newSubManager()) {
                NDArray images = step.randomUniform(-1f, 1f, new Shape(2, 3, 16, 16));
                tok.decode(tok.encode(images));
                tok.decodeRaw(tok.quantize(images).quantized());
            }
            assertThat(((BaseNDManager) model).getManagedArrays()).hasSize(before);
        }
    }
}
