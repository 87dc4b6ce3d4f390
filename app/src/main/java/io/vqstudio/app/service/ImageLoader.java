package io.vqstudio.app.service;

import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.core.RgbImage;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads image files for the workspace with the engine's checks ({@link UserFiles#readImage}):
 * large pictures are read subsampled and decompression bombs refused, so a huge file cannot exhaust memory; every image is
 * later centre-cropped and resized to the tokenizer's resolution, which {@link #squareNotice} explains.
 */
public final class ImageLoader {

    private ImageLoader() {}

    /** @throws IOException with a message naming the file when it is missing, empty, too large or not an image */
    public static SourceImage read(Path file) throws IOException {
        UserFiles.Picture decoded = UserFiles.readImage(file);
        RgbImage img = decoded.image();
        String notice = decoded.subsampling() == 1 ? "" : String.format("%s is huge (%dx%d): read at 1/%d scale",
                file.getFileName(), decoded.fileWidth(), decoded.fileHeight(), decoded.subsampling());
        return new SourceImage(file, img, decoded.fileWidth(), decoded.fileHeight(), notice);
    }

    /** The model's view of {@code source}: centre square, resized to {@code resolution} (what the api encodes). */
    public static RgbImage square(SourceImage source, int resolution) {
        return UserFiles.square(source.pixels(), resolution);
    }

    /** What cropping and resizing did to {@code source}, or "" when it already fit. */
    public static String squareNotice(SourceImage source, int resolution) {
        int w = source.fileWidth(), h = source.fileHeight();
        if (w == resolution && h == resolution) {
            return "";
        }
        String crop = w == h ? "" : "centre-cropped to " + Math.min(w, h) + "x" + Math.min(w, h) + " and ";
        return source.name() + " (" + w + "x" + h + ") was " + crop + "resized to " + resolution + "x" + resolution;
    }
}
