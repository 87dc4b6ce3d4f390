package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.vit.ViTVQGAN;
import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.vit.Patches;
import io.vqstudio.bridge.vit.ViTSize;
import org.junit.jupiter.api.Test;

class TokenizerModelTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(3);

    @Test
    void vitTinyEncodesToA4x4GridAndDecodesToImagesInRange() {
        Tokenizer t = TokenizerStore.build(engine.manager(), Families.tokenizerPreset("vit-tiny"));
        NDArray x = engine.manager().randomUniform(-1, 1, new Shape(2, 3, 16, 16));
        NDArray grid = t.encode(x);
        assertThat(grid.getShape()).isEqualTo(new Shape(2, 4, 4));
        assertThat(t.encodeContinuous(x).getShape()).isEqualTo(new Shape(2, 16, 64));
        NDArray raw = t.decodeRaw(t.quantize(x).quantized());
        assertThat(raw.getShape()).isEqualTo(new Shape(2, 6, 16, 16));
        NDArray y = t.decode(grid);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 3, 16, 16));
        assertThat(y.max().getFloat()).isLessThanOrEqualTo(1f);
        assertThat(y.min().getFloat()).isGreaterThanOrEqualTo(-1f);
    }

    /** A pass holds at most 2,048 tokens and 8 images: 8 of a 16x16 grid, 2 of a 32x32 one, 1 beyond. */
    @Test
    void slicesHoldAtMostEightImagesOfAtMost2048TokensTogether() {
        assertThat(Tokenizer.sliceImages(16)).isEqualTo(8);
        assertThat(Tokenizer.sliceImages(16 * 16)).isEqualTo(8);
        assertThat(Tokenizer.sliceImages(32 * 32)).isEqualTo(2);
        assertThat(Tokenizer.sliceImages(48 * 48)).isEqualTo(1);
        assertThat(Tokenizer.sliceImages(64 * 64)).isEqualTo(1);
    }

    @Test
    void aLargeBatchEncodesAndDecodesInSlicesExactlyAsImageByImage() {
        for (String preset : new String[] {"vit-tiny", "cnn-tiny"}) {
            Tokenizer t = TokenizerStore.build(engine.manager(), Families.tokenizerPreset(preset));
            NDArray x = engine.manager().randomUniform(-1, 1, new Shape(Tokenizer.CPU_SLICE * 2 + 3, 3, 16, 16));
            NDArray grid = t.encode(x);                                 // three slices: 8, 8 and 3 images
            NDArray images = t.decode(grid);
            assertThat(grid.getShape().get(0)).isEqualTo(x.getShape().get(0));
            for (int i = 0; i < x.getShape().get(0); i++) {
                NDArray one = x.get(i + ":" + (i + 1));
                NDArray oneGrid = t.encode(one);
                assertThat(oneGrid.contentEquals(grid.get(i + ":" + (i + 1)))).as(preset + " image " + i).isTrue();
                assertThat(t.decode(oneGrid).sub(images.get(i + ":" + (i + 1))).abs().max().getFloat())
                        .as(preset + " image " + i).isLessThan(1e-5f);
            }
        }
    }

    @Test
    void aDeeperDecoderTakingOverTheWeightsReconstructsExactlyAsTheSourceAndTrainsOnlyItsDecoderSide() {
        ViTVqganSpec tiny = ViTVqganSpec.presets().get("vit-tiny");
        Tokenizer source = TokenizerStore.build(engine.manager(), tiny);
        ViTVqganSpec deeper = tiny.withDecoderLayers(tiny.decoder().layers() + 2);
        Tokenizer grown = TokenizerStore.build(engine.manager(), deeper);
        NDArray x = engine.manager().randomUniform(-1, 1, new Shape(2, 3, 16, 16));
        NDArray grid = source.encode(x);
        assertThat(grown.decode(grid).contentEquals(source.decode(grid))).isFalse(); // fresh weights differ

        grown.takeWeightsOf(source);
        assertThat(grown.encode(x).contentEquals(grid)).isTrue();
        NDArray diff = grown.decode(grid).sub(source.decode(grid)).abs().max();
        assertThat(diff.getFloat()).isLessThan(1e-6f);
        assertThat(grown.decoderParameters().keySet()).contains("decoder.blocks.3.fc2.weight", "quantizer.proj_out.weight")
                .noneMatch(n -> n.startsWith("encoder.") || n.equals("quantizer.codebook") || n.startsWith("quantizer.proj_in."));
    }

    @Test
    void theCnnBaselinesDecoderSideIsItsDecoderPostQuantConvAndProjectionOut() {
        Tokenizer t = TokenizerStore.build(engine.manager(), Families.tokenizerPreset("cnn-tiny")); // lookup dimension 8: factorised
        assertThat(t.decoderParameters().keySet()).isNotEmpty()
                .allMatch(n -> n.startsWith("decoder.") || n.startsWith("post_quant_conv.") || n.startsWith("quantizer.proj_out."))
                .anyMatch(n -> n.startsWith("post_quant_conv.")).contains("quantizer.proj_out.weight");
        assertThat(t.parameters().keySet()).filteredOn(n -> !t.decoderParameters().containsKey(n))
                .anyMatch(n -> n.startsWith("quant_conv.")).anyMatch(n -> n.startsWith("encoder."))
                .contains("quantizer.codebook", "quantizer.proj_in.weight");
    }

    @Test
    void paperPresetsHaveThePapersShapes() {
        ViTVqganSpec ss = ViTVqganSpec.presets().get("vit-ss");
        assertThat(ss.gridSize()).isEqualTo(32);
        assertThat(ss.encoder()).isEqualTo(new ViTSize(8, 512, 8, 2048));
        assertThat(ViTVqganSpec.presets().get("vit-bb").decoder()).isEqualTo(new ViTSize(12, 768, 12, 3072));
        assertThat(ViTVqganSpec.presets().get("vit-sl").decoder()).isEqualTo(new ViTSize(32, 1280, 16, 5120));
        assertThat(Families.tokenizerPreset("vit-cpu").gridSize()).isEqualTo(16);
        assertThat(ss.quantizer().codebookSize()).isEqualTo(8192);
        assertThat(ss.quantizer().lookupDim()).isEqualTo(32);
    }

    @Test
    void unpatchifyInvertsPatchify() {
        NDArray x = engine.manager().arange(2 * 3 * 8 * 8).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).reshape(2, 3, 8, 8);
        NDArray p = Patches.patchify(x, 4);                              // (2, 4, 48)
        assertThat(p.getShape()).isEqualTo(new Shape(2, 4, 48));
        // The first patch of image 0 holds pixel (0, 0) of channel 0, then channels 1 and 2 of it.
        assertThat(p.get(0, 0, 0).getFloat()).isEqualTo(0f);
        assertThat(p.get(0, 0, 1).getFloat()).isEqualTo(64f);
        assertThat(Patches.unpatchify(p, 2, 4, 3).contentEquals(x)).isTrue();
    }

    @Test
    void straightThroughGradientReachesTheEncoder() {
        ViTVQGAN t = (ViTVQGAN) TokenizerStore.build(engine.manager(), Families.tokenizerPreset("vit-tiny"));
        NDArray x = engine.manager().randomUniform(-1, 1, new Shape(2, 3, 16, 16));
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray raw = t.decodeRaw(t.quantize(x).quantized());
            gc.backward(PixelHead.toImage(raw).sub(x).square().mean());
        }
        NDArray g = t.parameters().get("encoder.patch_embed.weight").getGradient();
        assertThat(g.abs().sum().getFloat()).isGreaterThan(0f);
    }
}
