package io.vqstudio.bridge.llamagen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LlamaGen's released tokenizers at their real size (random weights: the files are not in the
 * repository): the parameter counts LlamaGen's README gives (72M for VQ-16, 70M for VQ-8), and
 * VQ-8 running an image to its grid and back. That run is at 64 px (an 8x8 grid) to keep the suite
 * fast: LlamaGen's attention is on the deepest level whatever its side, so nothing is skipped.
 */
class LlamaGenPublishedSizeTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void presetsGiveThePublishedGrids() {
        assertThat(LlamaGenVqSpec.presets()).containsOnlyKeys("vq_ds16_c2i", "vq_ds16_c2i_384", "vq_ds8_c2i", "vq_ds16_t2i");
        assertThat(LlamaGenVqSpec.vqDs16C2i().gridSize()).isEqualTo(16);
        assertThat(LlamaGenVqSpec.vqDs16C2i384().gridSize()).isEqualTo(24);
        assertThat(LlamaGenVqSpec.vqDs8C2i().gridSize()).isEqualTo(32);
    }

    @Test
    void vq16HasTheReadmesParameterCount() {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGenVqTokenizer tok = new LlamaGenVqTokenizer(m, LlamaGenVqSpec.vqDs16C2i());
            assertThat(Math.round(tok.parameterCount() / 1e6)).isEqualTo(72);
            assertThat(tok.parameters()).containsKeys("encoder.conv_blocks.4.attn.1.q.weight", "decoder.conv_blocks.0.attn.2.v.weight",
                    "decoder.conv_blocks.3.upsample.conv.weight", "encoder.mid.1.proj_out.weight", "quantize.embedding.weight")
                    .doesNotContainKeys("decoder.conv_blocks.4.upsample.conv.weight", "encoder.conv_blocks.3.attn.0.q.weight");
        }
    }

    @Test
    void vq8HasTheReadmesParameterCountAndRunsAnImageToItsGridAndBack() {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGenVqSpec spec = LlamaGenVqSpec.vqDs8C2i();
            LlamaGenVqTokenizer tok = new LlamaGenVqTokenizer(m, spec.withResolution(64));
            assertThat(Math.round(tok.parameterCount() / 1e6)).isEqualTo(70);
            assertThat((double) spec.footprint().parameters()).isCloseTo(tok.parameterCount(), within(0.05 * tok.parameterCount()));
            NDArray codes = tok.encode(m.randomUniform(-1f, 1f, new Shape(1, 3, 64, 64)));
            assertThat(codes.getShape()).isEqualTo(new Shape(1, 8, 8));
            assertThat(codes.max().getLong()).isLessThan(16384);
            NDArray decoded = tok.decode(codes);
            assertThat(decoded.getShape()).isEqualTo(new Shape(1, 3, 64, 64));
            assertThat(decoded.abs().max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }
}
