package io.vqstudio.bridge.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.nn.NoGrad;

/**
 * Runs a classifier over images held as floats, in chunks, without gradients: the logits and the
 * pooled features of each image.
 */
public final class Classify {

    /** Images per forward pass: small activations stay clear of libtorch's slow path for large new tensors. */
    static final int CHUNK = 128;

    private Classify() {}

    /**
     * The classifier's view of {@code n} images.
     *
     * @param logits   (n, K) row-major
     * @param features (n, D) row-major: the pooled vectors before the head
     */
    public record Output(int n, int classes, int dim, float[] logits, float[] features) {

        /** The most likely class of image {@code i}. */
        public int predicted(int i) {
            int best = 0;
            for (int k = 1; k < classes; k++) {
                if (logits[i * classes + k] > logits[i * classes + best]) {
                    best = k;
                }
            }
            return best;
        }

        /** -log p(label | image i) in nats, from a stable log-sum-exp of its logits. */
        public double nll(int i, int label) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, logits[i * classes + k]);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                sum += Math.exp(logits[i * classes + k] - max);
            }
            return max + Math.log(sum) - logits[i * classes + label];
        }
    }

    /** {@code pixels} holds {@code n} images (n, 3, R, R) in [-1, 1] at the classifier's resolution. */
    public static Output run(ImageClassifier classifier, float[] pixels, int n, NDManager root) {
        int r = classifier.spec().resolution(), k = classifier.spec().classes(), d = classifier.spec().featureDim();
        int len = 3 * r * r;
        if (pixels.length != (long) n * len) {
            throw new IllegalArgumentException(n + " images of " + r + " px need " + (long) n * len + " values, got "
                    + pixels.length);
        }
        float[] logits = new float[n * k];
        float[] features = new float[n * d];
        for (int from = 0; from < n; from += CHUNK) {
            int b = Math.min(CHUNK, n - from);
            try (NDManager sm = root.newSubManager(); NoGrad noGrad = NoGrad.enter()) {
                float[] part = new float[b * len];
                System.arraycopy(pixels, from * len, part, 0, b * len);
                NDArray x = sm.create(part, new Shape(b, 3, r, r));             // (b, 3, R, R)
                NDArray f = classifier.features(x);                             // (b, D)
                System.arraycopy(f.toFloatArray(), 0, features, from * d, b * d);
                System.arraycopy(classifier.head(f).toFloatArray(), 0, logits, from * k, b * k); // (b, K)
            }
        }
        return new Output(n, k, d, logits, features);
    }
}
