package io.vqstudio.bridge.taming;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** The fixtures' PNG inputs read through the engine's own image path, and array comparisons. */
public final class ReferenceInputs {

    private ReferenceInputs() {}

    /**
     * {@code <folder>/inputs/img-0.png, img-1.png} as the engine reads images ({@link ImageFiles#decode},
     * {@link Preprocess#toTensor} at the model's side): (2, 3, side, side) in [-1, 1]. Checks on the way
     * that, at the model's side (no resize), each value is exactly p / 127.5 - 1 of the file's pixel p.
     */
    public static NDArray pngs(String folder, int side, NDManager m) throws IOException {
        float[] all = new float[2 * 3 * side * side];
        for (int i = 0; i < 2; i++) {
            Path file = Npy.resource(folder + "/inputs/img-" + i + ".png");
            float[] chw = Preprocess.toTensor(ImageFiles.decode(file, side).image(), side, false);
            BufferedImage raw = ImageIO.read(file.toFile());
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int p = raw.getRaster().getSample(x, y, c);
                        assertThat(chw[(c * side + y) * side + x]).as("pixel %d,%d,%d of %s", c, y, x, file)
                                .isEqualTo(p / 127.5f - 1f);
                    }
                }
            }
            System.arraycopy(chw, 0, all, i * chw.length, chw.length);
        }
        return m.create(all, new Shape(2, 3, side, side));
    }

    /** max |actual - expected| <= atol, shapes equal. */
    public static void assertClose(NDArray actual, NDArray expected, double atol, String what) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.getShape());
        float diff = actual.sub(expected).abs().max().getFloat();
        assertThat((double) diff).as(what + " max |diff|").isLessThanOrEqualTo(atol);
    }

    /** Integer arrays equal element for element. */
    public static void assertSame(NDArray actual, NDArray expected, String what) {
        assertThat(actual.getShape()).as(what + " shape").isEqualTo(expected.getShape());
        assertThat(actual.toLongArray()).as(what).containsExactly(expected.toLongArray());
    }
}
