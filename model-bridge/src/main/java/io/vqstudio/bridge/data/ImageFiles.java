package io.vqstudio.bridge.data;

import io.vqstudio.bridge.api.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Single image files for the CLI and the studio: read with the pipeline's checks, write PNG. */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * Reads any JPEG, PNG, BMP or GIF as RGB (greyscale and alpha converted as in the pipeline).
     *
     * @throws IOException naming the file and why when it is missing, empty, truncated or not an image
     */
    public static RgbImage read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new java.nio.file.NoSuchFileException(file.toString());
        }
        return RgbImage.of(Preprocess.toRgb(ImageDecoding.decode(file.toString(), Files.readAllBytes(file))));
    }

    public static void writePng(RgbImage image, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(image.toBufferedImage(), "png", file.toFile());
    }
}
