package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * One decoded image and the size its file declares. A large photo is read subsampled (every
 * {@code subsampling}-th pixel of every {@code subsampling}-th row), so {@code image} may be
 * smaller than the file; reports and notices use the file's size.
 *
 * @param image       the pixels, of any {@link BufferedImage} type ({@link Preprocess} turns it into RGB)
 * @param fileWidth   width in the file's header, in pixels
 * @param fileHeight  height in the file's header, in pixels
 * @param subsampling the read step, 1 when every pixel was read
 */
public record DecodedImage(BufferedImage image, int fileWidth, int fileHeight, int subsampling) {

    public DecodedImage {
        Objects.requireNonNull(image, "image");
        if (subsampling < 1) {
            throw new IllegalArgumentException("subsampling must be at least 1, got " + subsampling);
        }
    }

    /** An image read whole: the file's size is the image's. */
    public static DecodedImage whole(BufferedImage image) {
        return new DecodedImage(image, image.getWidth(), image.getHeight(), 1);
    }

    /** True when only every n-th pixel was read. */
    public boolean subsampled() {
        return subsampling > 1;
    }
}
