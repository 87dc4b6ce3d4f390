package io.vqstudio.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The studio opens another project's checkpoint file as it lies on disk (the reference fixtures,
 * saved by those projects' own code, with their configs beside them) and, through the same service
 * calls as the workspace, encodes the fixture's PNGs to exactly the codes the project's code gave.
 */
class ImportedFixturesStudioTest {

    private static final Path REFERENCE = Path.of("..", "model-bridge", "src", "test", "resources", "reference");

    @ParameterizedTest
    @CsvSource({
        "taming-vqgan, checkpoints/last-legacy.ckpt, taming-vqgan",
        "enhancing-vitvq, checkpoints/imagenet_vitvq_small-epoch=09.ckpt, enhancing-vitvq"})
    void aForeignFileOpensAndEncodesToTheReferenceCodes(String folder, String file, String family) throws Exception {
        Path root = REFERENCE.resolve(folder);
        try (BridgeStudioService s = BridgeStudioService.start()) {
            Path ckpt = root.resolve(file);
            assertThat(s.checkpointKind(ckpt)).isEqualTo("tokenizer");
            TokenizerInfo info = s.openTokenizer(ckpt).result().get(120, TimeUnit.SECONDS);
            assertThat(info.family()).isEqualTo(family);
            assertThat(info.trainable()).isFalse();
            assertThat(info.source()).contains(ckpt.getFileName().toString());
            List<RgbImage> images = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RgbImage img = UserFiles.readImage(root.resolve("inputs/img-" + i + ".png")).image();
                images.add(UserFiles.square(img, info.resolution()));
            }
            List<TokenGrid> grids = s.encode(images).result().get(120, TimeUnit.SECONDS);
            long[] expected = int64(root.resolve("codes_png.npy"));
            int g = info.gridSize();
            for (int i = 0; i < 2; i++) {
                for (int t = 0; t < g * g; t++) {
                    assertThat((long) grids.get(i).codes()[t]).as("image %d, token %d", i, t).isEqualTo(expected[i * g * g + t]);
                }
            }
        }
    }

    /** The values of a little-endian int64 .npy array in C order. */
    private static long[] int64(Path npy) throws IOException {
        byte[] b = Files.readAllBytes(npy);
        int headerLen = (b[8] & 0xFF) | (b[9] & 0xFF) << 8;
        String header = new String(b, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).contains("'descr': '<i8'").contains("'fortran_order': False");
        ByteBuffer data = ByteBuffer.wrap(b, 10 + headerLen, b.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
        long[] out = new long[data.remaining() / 8];
        data.asLongBuffer().get(out);
        return out;
    }
}
