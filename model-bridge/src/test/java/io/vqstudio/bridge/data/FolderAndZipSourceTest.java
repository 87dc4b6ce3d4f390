package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderAndZipSourceTest {

    @TempDir
    Path dir;

    @Test
    void folderFindsClassesEntriesAndNames() throws Exception {
        try (ImageSource src = ImageSources.open(TestImages.petsFolder(dir))) {
            assertThat(src).isInstanceOf(FolderSource.class);
            assertThat(src.classes()).containsExactly("birds", "cats", "dogs");
            assertThat(src.classNames()).containsExactly(
                    java.util.Map.entry("birds", "birds"), java.util.Map.entry("cats", "domestic cat"),
                    java.util.Map.entry("dogs", "dog, domestic dog"));
            assertThat(src.entries()).hasSize(TestImages.PET_FILES)
                    .contains(new ImageEntry("birds/b1.png", 0), new ImageEntry("cats/c4.bmp", 1),
                            new ImageEntry("dogs/d3.JPEG", 2), new ImageEntry("dogs/notes.jpg", 2))
                    .noneMatch(e -> e.name().contains("hidden") || e.name().endsWith(".txt"));
            assertThat(src.read(new ImageEntry("cats/c4.bmp", 1)).getWidth()).isEqualTo(37);
        }
    }

    @Test
    void badFilesAreUnreadableWithReasons() throws Exception {
        try (ImageSource src = new FolderSource(TestImages.petsFolder(dir))) {
            assertThatThrownBy(() -> src.read(new ImageEntry("cats/zero.jpg", 1)))
                    .isInstanceOfSatisfying(UnreadableImageException.class, e -> assertThat(e.reason()).isEqualTo("zero bytes"));
            assertThatThrownBy(() -> src.read(new ImageEntry("dogs/trunc.jpg", 2)))
                    .isInstanceOfSatisfying(UnreadableImageException.class, e -> assertThat(e.reason()).isEqualTo("truncated"));
            assertThatThrownBy(() -> src.read(new ImageEntry("dogs/notes.jpg", 2)))
                    .isInstanceOfSatisfying(UnreadableImageException.class, e -> assertThat(e.reason()).isEqualTo("not an image"))
                    .hasMessageContaining("dogs/notes.jpg");
        }
    }

    @Test
    void zipWithTheSameLayoutMatchesTheFolder() throws Exception {
        Path folder = TestImages.petsFolder(dir);
        Path zip = TestImages.zip(folder, dir.resolve("pets.zip"), "");
        try (ImageSource f = ImageSources.open(folder); ImageSource z = ImageSources.open(zip)) {
            assertThat(z).isInstanceOf(ZipSource.class);
            assertThat(z.entries()).isEqualTo(f.entries());
            assertThat(z.classes()).isEqualTo(f.classes());
            assertThat(z.classNames()).isEqualTo(f.classNames());
            ImageEntry e = new ImageEntry("cats/c2.jpg", 1);
            assertThat(Preprocess.rgbPixels(z.read(e))).isEqualTo(Preprocess.rgbPixels(f.read(e)));
            assertThatThrownBy(() -> z.read(new ImageEntry("dogs/trunc.jpg", 2))).isInstanceOf(UnreadableImageException.class);
        }
    }

    @Test
    void tinyImagenetLayoutTakesTheClassBelowTheSharedPrefix() throws Exception {
        Path root = dir.resolve("tiny");
        byte[] png = TestImages.encode(TestImages.noise(8, 8, BufferedImage.TYPE_INT_RGB, 1), "png");
        for (String wnid : List.of("n02", "n01")) {
            for (int i = 0; i < 3; i++) {
                TestImages.write(root.resolve("train/" + wnid + "/images/" + wnid + "_" + i + ".JPEG"), png);
            }
            TestImages.write(root.resolve("train/" + wnid + "/" + wnid + "_boxes.txt"), new byte[] {1});
        }
        TestImages.write(root.resolve("__MACOSX/train/n01/images/._n01_0.JPEG"), new byte[] {0});
        TestImages.write(root.resolve("words.txt"),
                "n00\tentity\nn01\tgoldfish, Carassius auratus\nn02\tgreat white shark\n".getBytes(StandardCharsets.UTF_8));
        Path zip = TestImages.zip(root, dir.resolve("tiny.zip"), "");
        try (ImageSource z = ImageSources.open(zip); ImageSource f = ImageSources.open(root)) {
            for (ImageSource src : List.of(z, f)) {
                assertThat(src.classes()).containsExactly("n01", "n02");
                assertThat(src.classNames()).containsOnlyKeys("n01", "n02")
                        .containsEntry("n01", "goldfish, Carassius auratus");
                assertThat(src.entries()).hasSize(6).first()
                        .isEqualTo(new ImageEntry("train/n01/images/n01_0.JPEG", 0));
            }
        }
    }

    @Test
    void imagesAtTheRootFormOneClassNamedAfterTheFolder() throws Exception {
        Path root = dir.resolve("faces");
        byte[] png = TestImages.encode(TestImages.noise(8, 8, BufferedImage.TYPE_INT_RGB, 1), "png");
        TestImages.write(root.resolve("a.png"), png);
        TestImages.write(root.resolve("b.PNG"), png);
        try (ImageSource src = ImageSources.open(root)) {
            assertThat(src.classes()).containsExactly("faces");
            assertThat(src.entries()).extracting(ImageEntry::name).containsExactly("a.png", "b.PNG");
        }
        Path zip = TestImages.zip(root, dir.resolve("faces.zip"), "");
        try (ImageSource src = ImageSources.open(zip)) {
            assertThat(src.classes()).containsExactly("faces");
        }
    }

    @Test
    void pathsWithoutImagesGiveErrorsThatNameThem() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-set"));
        Files.writeString(empty.resolve("readme.txt"), "no pictures here");
        assertThatThrownBy(() -> ImageSources.open(empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No images found in")
                .hasMessageContaining(empty.toAbsolutePath().toString());
        Path emptyZip = TestImages.zip(empty, dir.resolve("empty.zip"), "");
        assertThatThrownBy(() -> ImageSources.open(emptyZip))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(emptyZip.toAbsolutePath().toString());
        Path missing = dir.resolve("no-such-folder");
        assertThatThrownBy(() -> ImageSources.open(missing))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("does not exist")
                .hasMessageContaining(missing.toAbsolutePath().toString());
        assertThatThrownBy(() -> ImageSources.open(empty.resolve("readme.txt")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a dataset");
    }
}
