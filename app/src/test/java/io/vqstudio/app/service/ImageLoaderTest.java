package io.vqstudio.app.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.data.UnreadableImageException;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workspace reads pictures through the engine's one reader: large ones subsampled with a notice, bad paths named. */
class ImageLoaderTest {

    @TempDir
    Path dir;

    @Test
    void aHugePictureIsReadSubsampledWithANoticeAndItsFileSize() throws Exception {
        BufferedImage img = new BufferedImage(5000, 4000, BufferedImage.TYPE_BYTE_BINARY); // 20 megapixels
        img.getRaster().setSample(4999, 3999, 0, 1);
        Path file = dir.resolve("huge.png");
        ImageIO.write(img, "png", file.toFile());
        SourceImage s = ImageLoader.read(file);
        assertThat(s.fileWidth()).isEqualTo(5000);
        assertThat(s.fileHeight()).isEqualTo(4000);
        assertThat(s.pixels().width()).isEqualTo(2500);
        assertThat(s.notice()).isEqualTo("huge.png is huge (5000x4000): read at 1/2 scale");
    }

    @Test
    void aDirectoryNamedLikeAnImageIsNamedAsOne() throws Exception {
        Path d = Files.createDirectory(dir.resolve("photo.jpg"));
        assertThatThrownBy(() -> ImageLoader.read(d)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(d + " (is a directory, not an image)");
    }
}
