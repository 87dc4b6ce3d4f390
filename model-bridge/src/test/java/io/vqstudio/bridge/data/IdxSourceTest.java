package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {

    @TempDir
    Path dir;

    static int pixel(int image, int y, int x) {
        return (image * 31 + y * 28 + x * 3) % 256;
    }

    static void writeIdx(Path folder, String prefix, int n, boolean gzip) throws IOException {
        Files.createDirectories(folder);
        String gz = gzip ? ".gz" : "";
        try (DataOutputStream out = new DataOutputStream(open(folder.resolve(prefix + "-images-idx3-ubyte" + gz), gzip))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(28);
            out.writeInt(28);
            for (int i = 0; i < n; i++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        out.writeByte(pixel(i, y, x));
                    }
                }
            }
        }
        try (DataOutputStream out = new DataOutputStream(open(folder.resolve(prefix + "-labels-idx1-ubyte" + gz), gzip))) {
            out.writeInt(0x00000801);
            out.writeInt(n);
            for (int i = 0; i < n; i++) {
                out.writeByte(i % 10);
            }
        }
    }

    private static OutputStream open(Path p, boolean gzip) throws IOException {
        OutputStream os = Files.newOutputStream(p);
        return gzip ? new GZIPOutputStream(os) : os;
    }

    @Test
    void readsGzippedImagesAndLabels() throws Exception {
        Path mnist = dir.resolve("mnist");
        writeIdx(mnist, "train", 12, true);
        try (ImageSource src = ImageSources.open(mnist)) {
            assertThat(src).isInstanceOf(IdxSource.class);
            assertThat(src.entries()).hasSize(12);
            assertThat(src.entries().get(11)).isEqualTo(new ImageEntry("train-images#11", 1));
            assertThat(src.classes()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(src.classNames()).containsEntry("7", "7");
            BufferedImage img = src.read(src.entries().get(5));
            assertThat(img.getWidth()).isEqualTo(28);
            assertThat(img.getHeight()).isEqualTo(28);
            for (int[] yx : new int[][] {{0, 0}, {3, 17}, {27, 27}}) {
                int g = pixel(5, yx[0], yx[1]);
                assertThat(img.getRGB(yx[1], yx[0]) & 0xFFFFFF).isEqualTo(g << 16 | g << 8 | g);
            }
        }
    }

    @Test
    void readsAPairFromEitherFileAndNamesFashionClasses() throws Exception {
        Path fashion = dir.resolve("Fashion-MNIST");
        writeIdx(fashion, "t10k", 3, false);
        writeIdx(fashion, "train", 4, true);
        try (ImageSource both = ImageSources.open(fashion)) {
            assertThat(both.entries()).hasSize(7);
            assertThat(both.classNames()).containsEntry("0", "T-shirt/top").containsEntry("9", "Ankle boot");
        }
        try (ImageSource one = ImageSources.open(fashion.resolve("t10k-labels-idx1-ubyte"))) {
            assertThat(one.entries()).extracting(ImageEntry::name).containsExactly("t10k-images#0", "t10k-images#1", "t10k-images#2");
        }
    }

    @Test
    void badMagicAndMissingLabelsAreClearErrors() throws Exception {
        Path bad = dir.resolve("bad");
        writeIdx(bad, "train", 2, false);
        Files.write(bad.resolve("train-labels-idx1-ubyte"), new byte[] {0, 0, 8, 3, 0, 0, 0, 2, 0, 1});
        assertThatThrownBy(() -> ImageSources.open(bad)).isInstanceOf(IOException.class).hasMessageContaining("magic");
        Files.delete(bad.resolve("train-labels-idx1-ubyte"));
        assertThatThrownBy(() -> ImageSources.open(bad)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No labels file");
    }
}
