package io.vqstudio.bridge.io;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.TestBridge;
import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.metrics.ImageMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded defaults in assets/models, as the studio and the CLI open them when no model is
 * named: the tokenizer and both priors belong together (the priors model this tokenizer's codes),
 * and the tokenizer is trained (a smooth picture comes back close), not freshly initialised.
 */
class ShippedModelsTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @Test
    void theDefaultTokenizerAndBothPriorsOpenTogetherAndWork() throws Exception {
        Path tokenizer = DefaultModels.tokenizer().orElseThrow();
        ModelInfo t = engine.bridge().openTokenizer(tokenizer).result().get(60, TimeUnit.SECONDS);
        assertThat(t.gridSize()).isEqualTo(16);
        assertThat(t.codebookSize()).isEqualTo(8192);
        for (PriorKind kind : PriorKind.values()) {
            // Refused with "another tokenizer" if the priors were made for other codes.
            PriorInfo p = engine.bridge().openPrior(DefaultModels.prior(kind).orElseThrow()).result().get(60, TimeUnit.SECONDS);
            assertThat(p.tokenizerId()).isEqualTo(t.id());
            assertThat(p.classNames()).hasSize(20).contains("school bus", "lemon", "coral reef");
        }

        // A smooth 64x64 picture: colour ramps a trained tokenizer reconstructs well (fresh weights: ~10 dB).
        int[] px = new int[64 * 64];
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                px[y * 64 + x] = (40 + 2 * x) << 16 | (60 + 2 * y) << 8 | (150 + x - y / 2);
            }
        }
        RgbImage image = new RgbImage(64, 64, px);
        List<TokenGrid> grids = engine.bridge().encode(List.of(image)).result().get(60, TimeUnit.SECONDS);
        RgbImage back = engine.bridge().decode(grids).result().get(60, TimeUnit.SECONDS).get(0);
        assertThat(ImageMetrics.psnr(Preprocess.toTensor(image.toBufferedImage(), 64, false),
                Preprocess.toTensor(back.toBufferedImage(), 64, false))).isGreaterThan(22.0);

        // Each prior resamples the bottom row (16 cells) and leaves the rest as it was.
        boolean[] mask = new boolean[256];
        for (int i = 240; i < 256; i++) {
            mask[i] = true;
        }
        for (PriorKind kind : PriorKind.values()) {
            var c = engine.bridge().resample(kind, grids.get(0), mask, -1, 1, SamplingSpec.defaults().withSteps(4))
                    .result().get(120, TimeUnit.SECONDS);
            int[] codes = c.get(0).grid().codes();
            assertThat(java.util.Arrays.copyOf(codes, 240)).isEqualTo(java.util.Arrays.copyOf(grids.get(0).codes(), 240));
            assertThat(java.util.stream.IntStream.of(codes)).hasSize(256).allMatch(code -> code >= 0 && code < 8192);
        }
    }
}
