package io.vqstudio.bridge.classifier;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.pooling.Pool;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain CNN classifier, the kind the classification accuracy score of generative models uses
 * (Ravuri and Vinyals 2019 train one per data set): per stage a 3x3 convolution (no bias, the
 * norm follows), group normalisation (Wu and He 2018, which unlike batch norm behaves the same in
 * training and evaluation) and ReLU, 2x2 max pooling between stages; then global average pooling
 * to the feature vector, and a linear head to the logits. The pooled features are what a Frechet
 * distance between two image sets is measured on.
 *
 * <p>Input (B, 3, R, R) in [-1, 1] at the spec's resolution; features (B, D) with D the last
 * stage's width; logits (B, K).
 */
public final class ImageClassifier extends Module {

    private static final Shape POOL = new Shape(2, 2);
    private static final Shape NO_PAD = new Shape(0, 0);

    private final ClassifierSpec spec;
    private final List<Conv2d> convs = new ArrayList<>();
    private final List<GroupNorm> norms = new ArrayList<>();
    private final Linear head;

    /** A fresh classifier whose parameters live in {@code m}, drawn from the engine's seeded generator. */
    public ImageClassifier(NDManager m, ClassifierSpec spec) {
        this.spec = spec;
        int in = 3;
        for (int i = 0; i < spec.widths().size(); i++) {
            int out = spec.widths().get(i);
            convs.add(child("stages." + i + ".conv", new Conv2d(m, in, out, 3, 1, 1, false)));
            norms.add(child("stages." + i + ".norm", new GroupNorm(m, spec.groups(), out)));
            in = out;
        }
        this.head = child("head", new Linear(m, in, spec.classes(), true, 0.01f));
    }

    public ClassifierSpec spec() {
        return spec;
    }

    /** (B, 3, R, R) -> (B, D): the globally pooled features of the last stage. */
    public NDArray features(NDArray x) {
        NDArray h = x;
        for (int i = 0; i < convs.size(); i++) {
            if (i > 0) {
                h = Pool.maxPool2d(h, POOL, POOL, NO_PAD, false);          // (B, C, H/2, W/2)
            }
            h = Activation.relu(norms.get(i).forward(convs.get(i).forward(h))); // (B, C_i, H, W)
        }
        Shape s = h.getShape();
        return h.reshape(s.get(0), s.get(1), -1).mean(new int[] {2});       // (B, D)
    }

    /** (B, D) features -> (B, K) logits. */
    public NDArray head(NDArray features) {
        return head.forward(features);
    }

    /** (B, 3, R, R) -> (B, K) logits. */
    public NDArray logits(NDArray x) {
        return head(features(x));
    }

    /**
     * The mean cross-entropy of {@code logits} (B, K) against {@code labels} (B) class ids, a scalar
     * in nats.
     */
    public static NDArray crossEntropy(NDArray logits, int[] labels) {
        int k = Math.toIntExact(logits.getShape().get(1));
        long[] ids = new long[labels.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = labels[i];
        }
        NDArray oneHot = logits.getManager().create(ids).oneHot(k);        // (B, K), float32
        return logits.logSoftmax(1).mul(oneHot).sum(new int[] {1}).neg().mean();
    }
}
