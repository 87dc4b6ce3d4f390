package io.vqstudio.bridge.data;

/**
 * A batch of images and labels from a {@link BatchLoader}.
 *
 * @param pixels     (size, 3, resolution, resolution) row-major, values in [-1, 1]
 * @param labels     (size) class indices into {@link ImageDataset#classes()}
 * @param size       number of images, at most the loader's batch size (less only for the last batch of a pass)
 * @param resolution side of the square images
 */
public record ImageBatch(float[] pixels, int[] labels, int size, int resolution) {

    public ImageBatch {
        if (labels.length != size || pixels.length != size * 3 * resolution * resolution) {
            throw new IllegalArgumentException("batch of " + size + " at " + resolution + "px needs "
                    + size + " labels and " + size * 3 * resolution * resolution + " values, got "
                    + labels.length + " and " + pixels.length);
        }
    }

    /** Values per image: 3 * resolution * resolution. */
    public int imageLength() {
        return 3 * resolution * resolution;
    }

    /** A copy of image {@code i} as (3, resolution, resolution). */
    public float[] image(int i) {
        float[] out = new float[imageLength()];
        System.arraycopy(pixels, i * out.length, out, 0, out.length);
        return out;
    }
}
