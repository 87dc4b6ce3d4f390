package io.vqstudio.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.api.RandomModels;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.core.CodebookStats;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The imported CNN families at their published shapes (random weights: speed and shapes do not
 * depend on them) through the studio's service: a 256 px picture becomes the published grid and
 * decodes back to 256 px, and its codes count into a codebook of the published size. The ViT family
 * at its published shape is driven through the whole window by {@code ImportedTokenizerUiTest}.
 */
class PublishedShapesStudioTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"vqgan_imagenet_f16_16384, taming-vqgan, 16, 16384",
        "vq_ds16_c2i, llamagen-vq, 16, 16384",
        "vq_ds8_c2i, llamagen-vq, 32, 16384"})
    void aPublishedShapeEncodesAndDecodesAt256Pixels(String preset, String family, int grid, int codes) throws Exception {
        VqBridge bridge = VqBridge.start(RuntimeSpec.defaults());
        try (BridgeStudioService s = new BridgeStudioService(bridge)) { // closes the bridge
            Path ckpt = RandomModels.write(bridge, preset, dir.resolve(preset)).result().get(300, TimeUnit.SECONDS);
            TokenizerInfo info = s.openTokenizer(ckpt).result().get(300, TimeUnit.SECONDS);
            assertThat(info.family()).isEqualTo(family);
            assertThat(info.resolution()).isEqualTo(256);
            assertThat(info.gridSize()).isEqualTo(grid);
            assertThat(info.codebookSize()).isEqualTo(codes);

            int[] px = new int[256 * 256];
            for (int i = 0; i < px.length; i++) {
                int x = i % 256, y = i / 256;
                px[i] = x << 16 | y << 8 | (x ^ y);
            }
            TokenGrid g = s.encode(List.of(new RgbImage(256, 256, px))).result().get(300, TimeUnit.SECONDS).get(0);
            assertThat(g.size()).isEqualTo(grid);
            RgbImage back = s.decode(List.of(g)).result().get(300, TimeUnit.SECONDS).get(0);
            assertThat(back.width()).isEqualTo(256);
            CodebookStats stats = new CodebookStats(info.codebookSize());
            stats.add(g.codes());
            assertThat(stats.counts()).hasSize(codes);
            assertThat(stats.total()).isEqualTo((long) grid * grid);
        }
    }
}
