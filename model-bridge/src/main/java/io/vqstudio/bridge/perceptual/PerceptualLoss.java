package io.vqstudio.bridge.perceptual;

import ai.djl.ndarray.NDArray;
import java.util.List;

/**
 * An LPIPS-style perceptual distance (Zhang et al. 2018, "The Unreasonable Effectiveness of Deep
 * Features as a Perceptual Metric", Eq. 1) over a frozen {@link TinyDarknet}: for each feature stage,
 * unit-normalise the activation vector at every spatial position along the channel axis, take the
 * squared difference, sum over channels, average over positions, then sum over stages.
 *
 * <p>Deviations from LPIPS: no learned per-channel linear weights (the "lin" layers; equivalent to
 * LPIPS with all weights 1, the paper's "baseline" variant), Tiny Darknet instead of VGG/AlexNet,
 * and the normalisation divides by max(||f||, 1e-10) (PyTorch's {@code F.normalize}, whose gradient
 * is safe at a zero vector) rather than ||f|| + 1e-10; the two differ only for norms near 1e-10.
 *
 * <p>Inputs are images (B, 3, H, W) in [-1, 1]. The result is differentiable with respect to both
 * inputs, so gradients reach the generator; the network itself is frozen.
 */
public final class PerceptualLoss {

    private static final double EPS = 1e-10;

    private final TinyDarknet net;

    public PerceptualLoss(TinyDarknet net) {
        this.net = net;
    }

    /** Two image batches (B, 3, H, W) in [-1, 1] -> the mean over the batch of {@link #perImage}, a scalar. */
    public NDArray forward(NDArray x, NDArray y) {
        return perImage(x, y).mean();
    }

    /** Two image batches (B, 3, H, W) in [-1, 1] -> the distance of each pair, (B). */
    public NDArray perImage(NDArray x, NDArray y) {
        if (!x.getShape().equals(y.getShape())) {
            throw new IllegalArgumentException("perceptual distance needs equal shapes, got "
                    + x.getShape() + " and " + y.getShape());
        }
        long b = x.getShape().get(0);
        // One pass over both batches: half the kernel launches of two passes. Starts from x, so
        // every intermediate belongs to the caller's manager.
        List<NDArray> stages = net.features(TinyDarknet.unitRange(x.concat(y, 0)));
        NDArray total = null;
        for (NDArray f : stages) {                                      // (2B, C, h, w)
            NDArray unit = f.normalize(2, 1, EPS);
            NDArray diff = unit.get("0:" + b).sub(unit.get(b + ":"));  // (B, C, h, w)
            NDArray d = diff.square().sum(new int[] {1}).reshape(b, -1).mean(new int[] {1}); // (B)
            total = total == null ? d : total.add(d);
        }
        return total;
    }
}
