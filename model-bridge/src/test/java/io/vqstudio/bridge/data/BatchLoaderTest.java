package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchLoaderTest {

    @TempDir
    Path dir;

    private ImageDataset pets(int resolution) throws IOException {
        Path root = TestImages.petsFolder(dir);
        return ImageDataset.open(DataSpec.defaults(root).withResolution(resolution).withValidationFraction(0));
    }

    /** Every batch of a pass, as (labels, first pixel of each image) to compare orders. */
    private static List<String> pass(BatchLoader loader) {
        List<String> out = new ArrayList<>();
        while (loader.hasNext()) {
            ImageBatch b = loader.next();
            for (int i = 0; i < b.size(); i++) {
                out.add(b.labels()[i] + ":" + Arrays.hashCode(b.image(i)));
            }
        }
        return out;
    }

    @Test
    void batchesHaveTheRightShapeRangeAndSkipBadFiles() throws Exception {
        try (ImageDataset ds = pets(8);
             BatchLoader loader = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(3).optSeed(1).build()) {
            assertThat(ds.train()).hasSize(TestImages.PET_FILES);
            assertThat(ds.numClasses()).isEqualTo(3);
            assertThat(ds.classNames()).containsEntry("cats", "domestic cat");
            List<Integer> sizes = new ArrayList<>();
            while (loader.hasNext()) {
                ImageBatch b = loader.next();
                sizes.add(b.size());
                assertThat(b.resolution()).isEqualTo(8);
                assertThat(b.pixels()).hasSize(b.size() * 3 * 8 * 8);
                for (float v : b.pixels()) {
                    assertThat(v).isBetween(-1f, 1f);
                }
                assertThat(Arrays.stream(b.labels()).allMatch(l -> l >= 0 && l < 3)).isTrue();
            }
            assertThat(sizes).containsExactly(3, 3, 2); // 8 readable, the last batch partial
            assertThat(loader.imagesDecoded()).isEqualTo(TestImages.PET_READABLE);
            assertThat(loader.skipLog().count()).isEqualTo(3);
            assertThat(loader.skipLog().warning()).startsWith("Skipped 3 unreadable files: ")
                    .contains("cats/zero.jpg (zero bytes)", "dogs/trunc.jpg (truncated)", "dogs/notes.jpg (not an image)");
        }
    }

    @Test
    void theSameSeedGivesTheSameOrderAndAnotherSeedAnother() throws Exception {
        try (ImageDataset ds = pets(6)) {
            List<String> a, b, c;
            try (BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(4).optSeed(7).optEpochs(3).build()) {
                a = pass(l);
            }
            try (BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(4).optSeed(7).optEpochs(3)
                    .optThreads(1).build()) {
                b = pass(l);
            }
            try (BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(4).optSeed(8).optEpochs(3).build()) {
                c = pass(l);
            }
            assertThat(a).hasSize(3 * TestImages.PET_READABLE).isEqualTo(b).isNotEqualTo(c);
            // Each epoch is a reshuffle of the same images.
            assertThat(a.subList(0, 8)).isNotEqualTo(a.subList(8, 16));
        }
    }

    @Test
    void validationIsNeitherShuffledNorFlipped() throws Exception {
        Path root = TestImages.petsFolder(dir);
        try (ImageDataset ds = ImageDataset.open(DataSpec.defaults(root).withResolution(8).withValidationFraction(1));
             BatchLoader l = BatchLoader.builder(ds, Split.Part.VALIDATION).optBatchSize(100).build()) {
            ImageBatch b = l.next();
            assertThat(l.hasNext()).isFalse();
            ImageEntry first = ds.validation().get(0); // birds/b1.png
            assertThat(b.image(0)).isEqualTo(Preprocess.toTensor(ds.source().read(first), 8, false));
        }
    }

    @Test
    void trainingImagesAreFlippedAtRandomOnlyWhenTheSpecSaysSo() throws Exception {
        Path root = TestImages.petsFolder(dir);
        for (boolean flip : new boolean[] {false, true}) {
            DataSpec spec = DataSpec.defaults(root).withResolution(8).withValidationFraction(0).withFlip(flip);
            try (ImageDataset ds = ImageDataset.open(spec);
                 BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optShuffle(false).optEpochs(4).build()) {
                int mirrored = 0, seen = 0;
                while (l.hasNext()) {
                    ImageBatch b = l.next();
                    for (int i = 0; i < b.size(); i++, seen++) {
                        ImageEntry e = readable(ds).get(seen % TestImages.PET_READABLE);
                        float[] plain = Preprocess.toTensor(ds.source().read(e), 8, false);
                        if (!Arrays.equals(b.image(i), plain)) {
                            assertThat(b.image(i)).isEqualTo(Preprocess.toTensor(ds.source().read(e), 8, true));
                            mirrored++;
                        }
                    }
                }
                assertThat(seen).isEqualTo(4 * TestImages.PET_READABLE);
                if (flip) {
                    assertThat(mirrored).isBetween(4, seen - 4);
                } else {
                    assertThat(mirrored).isZero();
                }
            }
        }
    }

    private static List<ImageEntry> readable(ImageDataset ds) {
        return ds.train().stream().filter(e -> !ds.skipLog().contains(e.name())).toList();
    }

    @Test
    void endlessLoadingGivesFullBatchesUntilClosed() throws Exception {
        try (ImageDataset ds = pets(4)) {
            BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(5).optForever().build();
            for (int i = 0; i < 6; i++) {
                assertThat(l.next().size()).isEqualTo(5);
            }
            l.close();
            assertThat(l.hasNext()).isFalse();
        }
    }

    @Test
    void aFailingSourceSurfacesInTheConsumer() throws Exception {
        ImageSource broken = new FakeSource(Map.of("b.png", new IllegalStateException("disk on fire")));
        try (ImageDataset ds = new ImageDataset(broken, DataSpec.defaults(dir).withValidationFraction(0));
             BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optBatchSize(2).optShuffle(false).build()) {
            assertThatThrownBy(l::next).isInstanceOf(IllegalStateException.class).hasMessageContaining("disk on fire");
        }
    }

    @Test
    void aDatasetWithNoReadableImageIsAnErrorNotAHang() throws Exception {
        ImageSource bad = new FakeSource(Map.of("a.png", new UnreadableImageException("a.png", "truncated"),
                "b.png", new UnreadableImageException("b.png", "zero bytes")));
        try (ImageDataset ds = new ImageDataset(bad, DataSpec.defaults(dir).withValidationFraction(0));
             BatchLoader l = BatchLoader.builder(ds, Split.Part.TRAIN).optForever().build()) {
            assertThatThrownBy(l::hasNext).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("None of the 2 images").hasMessageContaining("a.png (truncated)");
        }
    }

    /** Two entries, a.png and b.png; reading one listed in {@code failures} throws its exception. */
    private record FakeSource(Map<String, Exception> failures) implements ImageSource {
        @Override
        public List<ImageEntry> entries() {
            return List.of(new ImageEntry("a.png", 0), new ImageEntry("b.png", 0));
        }

        @Override
        public BufferedImage read(ImageEntry entry) throws IOException {
            Exception e = failures.get(entry.name());
            if (e instanceof IOException io) {
                throw io;
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            return TestImages.noise(4, 4, BufferedImage.TYPE_INT_RGB, 1);
        }

        @Override
        public List<String> classes() {
            return List.of("x");
        }

        @Override
        public Map<String, String> classNames() {
            return Map.of("x", "x");
        }

        @Override
        public String location() {
            return "fake";
        }

        @Override
        public void close() {
        }
    }
}
