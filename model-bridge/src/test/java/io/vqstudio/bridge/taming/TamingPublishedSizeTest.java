package io.vqstudio.bridge.taming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * taming's published f = 16 VQGANs at their real size (random weights: the files are not in the
 * repository): the network builds with the checkpoint's names and runs one 256 px image to a 16x16
 * grid and back. 256 px, not less, because attention sits where the feature map is 16x16.
 */
class TamingPublishedSizeTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void presetsAreTheFilesPublishedConfigs() {
        assertThat(TamingVqganSpec.presets()).containsOnlyKeys("vqgan_imagenet_f16_1024", "vqgan_imagenet_f16_16384");
        for (TamingVqganSpec s : TamingVqganSpec.presets().values()) {
            assertThat(s.gridSize()).isEqualTo(16);
            assertThat(s.attnLevels()).containsExactly(4);
            assertThat(List.of(s.ch(), s.numResBlocks(), s.zChannels(), s.embedDim())).containsExactly(128, 2, 256, 256);
        }
        assertThat(TamingVqganSpec.imagenetF16x1024().nEmbed()).isEqualTo(1024);
        assertThat(TamingVqganSpec.imagenetF16x16384().nEmbed()).isEqualTo(16384);
    }

    @Test
    void theF16ModelRunsOne256PixelImageToA16x16GridAndBack() {
        TamingVqganSpec spec = TamingVqganSpec.imagenetF16x16384();
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingVqganTokenizer tok = new TamingVqganTokenizer(m, spec);
            assertThat(tok.parameters()).containsKeys("encoder.down.4.attn.1.q.weight", "decoder.up.4.attn.2.proj_out.weight",
                    "decoder.up.4.upsample.conv.weight", "encoder.down.3.downsample.conv.weight", "quantize.embedding.weight")
                    .doesNotContainKeys("encoder.down.3.attn.0.q.weight", "encoder.down.4.downsample.conv.weight",
                            "decoder.up.0.upsample.conv.weight");
            assertThat((double) spec.footprint().parameters()).isCloseTo(tok.parameterCount(), within(0.05 * tok.parameterCount()));
            NDArray image = m.randomUniform(-1f, 1f, new Shape(1, 3, 256, 256));
            NDArray codes = tok.encode(image);
            assertThat(codes.getShape()).isEqualTo(new Shape(1, 16, 16));
            assertThat(codes.min().getLong()).isGreaterThanOrEqualTo(0);
            assertThat(codes.max().getLong()).isLessThan(16384);
            NDArray decoded = tok.decode(codes);
            assertThat(decoded.getShape()).isEqualTo(new Shape(1, 3, 256, 256));
            assertThat(decoded.abs().max().getFloat()).isLessThanOrEqualTo(1f);
        }
    }
}
