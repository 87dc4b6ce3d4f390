package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pixel counts are checked from the header before decoding: a decompression bomb (a small PNG
 * declaring 20000 x 20000 pixels) is refused in one line that names it, in the CLI's reader, in
 * {@code dataset-info} and in training, and a large photo is read subsampled, in bounded memory.
 */
class ImageSafetyTest {

    @TempDir
    Path dir;

    private Path bomb(Path file) throws Exception {
        TestImages.write(file, BigPng.blackThenWhite(20000, 20000, 10000));
        assertThat(Files.size(file)).isLessThan(1 << 20);
        return file;
    }

    @Test
    void aDecompressionBombIsRefusedFromItsHeaderInOneLineNamingItsSize() throws Exception {
        Path bomb = bomb(dir.resolve("bomb.png"));
        long start = System.nanoTime();
        assertThatThrownBy(() -> ImageFiles.read(bomb)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(bomb + " (too large: 20000x20000 is 400 megapixels, more than the 100 allowed)");
        // Refused from the header: nothing near 400 million pixels was decoded.
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5);
    }

    @Test
    void aLargePictureIsReadSubsampledUnderTheBudgetAndStillShowsThePicture() throws Exception {
        Path big = dir.resolve("big.png");
        TestImages.write(big, BigPng.blackThenWhite(9000, 9000, 4500)); // 81 megapixels: allowed
        BufferedImage img = ImageFiles.read(big).toBufferedImage();
        assertThat((long) img.getWidth() * img.getHeight()).isLessThanOrEqualTo(ImageDecoding.FULL_READ_PIXELS);
        assertThat(img.getWidth()).isEqualTo(3000); // every third pixel
        assertThat(img.getRGB(10, 10) & 0xFFFFFF).isZero();
        assertThat(img.getRGB(10, img.getHeight() - 10) & 0xFFFFFF).isEqualTo(0xFFFFFF);
    }

    @Test
    void aKnownTargetSideSubsamplesFurtherButKeepsFourTimesIt() throws Exception {
        Path big = dir.resolve("big.png");
        TestImages.write(big, BigPng.blackThenWhite(9000, 6000, 3000));
        DecodedImage d = ImageFiles.decode(big, 64);
        assertThat(d.fileWidth()).isEqualTo(9000);
        assertThat(d.fileHeight()).isEqualTo(6000);
        assertThat(d.subsampling()).isEqualTo(6000 / (4 * 64));
        assertThat(d.image().getHeight()).isBetween(4 * 64, 8 * 64);
        // The model's view is still half black, half white.
        float[] chw = Preprocess.toTensor(d.image(), 16, false); // (3, 16, 16)
        assertThat(chw[16 * 2]).isEqualTo(-1f);
        assertThat(chw[16 * 13]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
        // Small pictures are read whole, whatever the target.
        TestImages.write(dir.resolve("small.png"), TestImages.encode(TestImages.grey(300, 200), "png"));
        assertThat(ImageFiles.decode(dir.resolve("small.png"), 8).subsampling()).isEqualTo(1);
    }

    @Test
    void datasetInfoReportsTheBombAsUnreadableByNameAndLargePhotosAtTheirFileSize() throws Exception {
        Path root = dir.resolve("set");
        bomb(root.resolve("cats/bomb.png"));
        TestImages.write(root.resolve("cats/big.png"), BigPng.blackThenWhite(5000, 4000, 2000));
        TestImages.write(root.resolve("cats/ok.png"), TestImages.encode(TestImages.grey(16, 16), "png"));
        try (ImageSource src = new FolderSource(root)) {
            DatasetReport r = DatasetReport.scan(src, 1, Progress.NONE);
            assertThat(r.totalImages()).isEqualTo(3);
            assertThat(r.readableImages()).isEqualTo(2);
            assertThat(r.unreadableExamples())
                    .containsExactly("cats/bomb.png (too large: 20000x20000 is 400 megapixels, more than the 100 allowed)");
            assertThat(r.resolutions()).containsOnlyKeys("5000x4000", "16x16");
        }
    }

    @Test
    void trainingSkipsTheBombWithANamedWarning() throws Exception {
        Path root = dir.resolve("set");
        bomb(root.resolve("cats/bomb.png"));
        TestImages.write(root.resolve("cats/ok.png"), TestImages.encode(TestImages.grey(16, 16), "png"));
        try (ImageDataset ds = ImageDataset.open(DataSpec.defaults(root).withResolution(8).withValidationFraction(0));
             BatchLoader loader = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(2).optSeed(1).build()) {
            assertThat(loader.hasNext()).isTrue();
            assertThat(loader.next().size()).isEqualTo(1);
            assertThat(loader.skipLog().warning()).isEqualTo(
                    "Skipped 1 unreadable file: cats/bomb.png (too large: 20000x20000 is 400 megapixels, more than the 100 allowed)");
        }
    }
}
