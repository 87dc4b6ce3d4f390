package io.vqstudio.bridge.llamagpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.torchsave.StateDict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spec read off a LlamaGen GPT's weights, LlamaGen's published sizes, and the one-line refusals. */
class LlamaGptSpecTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void specComesFromTheWeightsWithGridAndHeadsAsGiven() throws Exception {
        Inferred<LlamaGptSpec> found = LlamaGptSpec.infer(LlamaGptFixture.stateDict("c2i_tiny_16.pt"), 4, 4);
        assertThat(found.spec()).isEqualTo(new LlamaGptSpec("c2i_tiny_16", 64, 2, 4, 4, 96, 256, 10, 16, 1, 10000f, 1e-5f));
        assertThat(found.spec().headDim()).isEqualTo(16);
        assertThat(found.explain()).contains("n_head = 4 as given", "grid 4x4 (16 tokens) as given", "null class");
    }

    @Test
    void headsDefaultToLlamaGensHeadWidthAndSaySo() throws Exception {
        Inferred<LlamaGptSpec> found = LlamaGptSpec.infer(LlamaGptFixture.stateDict("c2i_tiny_16.pt"), 4, null);
        assertThat(found.spec().nHead()).isEqualTo(1);
        assertThat(found.explain()).contains("n_head = 1 assumed from LlamaGen's head width 64");
    }

    @Test
    void aNameWithoutTheImageSizeNeedsTheGrid() throws Exception {
        StateDict sd = LlamaGptFixture.stateDict("c2i_tiny_16.pt");
        assertThatThrownBy(() -> LlamaGptSpec.infer(sd, null, 4)).isInstanceOf(ImportException.class)
                .hasMessage("c2i_tiny_16.pt: does not say its grid (no _256 or _384 in its name); give the grid side");
    }

    @Test
    void weightsOfAnotherShapeAreRefusedInOneLineNamingThem() throws Exception {
        StateDict sd = LlamaGptFixture.stateDict("c2i_tiny_16.pt");
        LlamaGptSpec fits = LlamaGptFixture.spec(sd);
        LlamaGptSpec other = new LlamaGptSpec("x", 64, 3, 4, 4, 128, 256, 10, 16, 1, 10000f, 1e-5f);
        try (NDManager m = ENGINE.manager().newSubManager()) {
            assertThatThrownBy(() -> LlamaGpt.load(sd, other, m)).isInstanceOf(ImportException.class)
                    .hasMessageStartingWith("c2i_tiny_16.pt: does not fit the LlamaGen GPT its spec describes: missing 7 (layers.2.attention.wqkv.weight [192, 64]")
                    .hasMessageContaining("layers.0.feed_forward.w1.weight is [96, 64] in the file, [128, 64] in the model");
            LlamaGptSpec shallower = new LlamaGptSpec("x", 64, 1, 4, 4, 96, 256, 10, 16, 1, 10000f, 1e-5f);
            assertThatThrownBy(() -> LlamaGpt.load(sd, shallower, m)).isInstanceOf(ImportException.class)
                    .hasMessageContaining("unexpected 7 (layers.1.attention.wqkv.weight [192, 64]");
            assertThat(LlamaGpt.load(sd, fits, m).parameterCount()).isEqualTo(103_424);
        }
    }

    @Test
    void publishedSizesHaveLlamaGensShapes() {
        LlamaGptSpec b = LlamaGptSpec.presets().get("c2i_B_256");
        assertThat(b).isEqualTo(new LlamaGptSpec("c2i_B_256", 768, 12, 12, 12, 2048, 16384, 1000, 256, 1, 10000f, 1e-5f));
        assertThat(LlamaGptSpec.presets()).containsKeys("c2i_L_256", "c2i_B_384", "c2i_L_384", "c2i_XL_384", "c2i_XXL_384");
        assertThat(LlamaGptSpec.presets().get("c2i_L_384").ffnHidden()).isEqualTo(2816);
        assertThat(LlamaGptSpec.presets().get("c2i_XL_384").ffnHidden()).isEqualTo(3584);
        assertThat(LlamaGptSpec.presets().get("c2i_XXL_384").gridSize()).isEqualTo(24);
    }

    @Test
    void outOfBoundsFieldsAreNamed() {
        assertThatThrownBy(() -> new LlamaGptSpec("x", 64, 2, 5, 5, 96, 256, 10, 16, 1, 10000f, 1e-5f))
                .isInstanceOf(SpecException.class).hasMessageContaining("nHead");
        assertThatThrownBy(() -> new LlamaGptSpec("x", 64, 2, 4, 4, 96, 256, 10, 15, 1, 10000f, 1e-5f))
                .isInstanceOf(SpecException.class).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> LlamaGptSpec.size("M", 16)).isInstanceOf(SpecException.class).hasMessageContaining("size");
    }
}
