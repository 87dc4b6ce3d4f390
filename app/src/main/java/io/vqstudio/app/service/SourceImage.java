package io.vqstudio.app.service;

import io.vqstudio.bridge.core.RgbImage;
import java.nio.file.Path;

/**
 * An image file as the studio read it: its pixels (possibly subsampled when huge) and the size
 * of the file's picture.
 *
 * @param notice what was done to it that the user should know ("" when nothing)
 */
public record SourceImage(Path path, RgbImage pixels, int fileWidth, int fileHeight, String notice) {

    public String name() {
        Path f = path.getFileName();
        return f == null ? path.toString() : f.toString();
    }
}
