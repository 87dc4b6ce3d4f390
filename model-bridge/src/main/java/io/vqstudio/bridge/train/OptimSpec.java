package io.vqstudio.bridge.train;

/**
 * Optimiser and learning-rate schedule, ViT-VQGAN's by default: Adam (beta1 0.9, beta2 0.99),
 * peak learning rate 1e-4 after a linear warm-up, cosine decay to 5e-5, weight decay 1e-4
 * (decoupled, as AdamW), global gradient-norm clipping.
 */
public record OptimSpec(float lr, float minLr, int warmupSteps, float beta1, float beta2, float eps,
                        float weightDecay, float clipNorm) {

    /** A spec from a train.json or the studio is checked like the CLI's options: finite, in range. */
    public OptimSpec {
        requireRange("lr", lr, false);
        requireRange("minLr", minLr, true);
        requireRange("eps", eps, false);
        requireRange("weightDecay", weightDecay, true);
        requireRange("clipNorm", clipNorm, false);
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam's betas must lie in [0, 1), got " + beta1 + " and " + beta2);
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("warmupSteps = " + warmupSteps + " is negative");
        }
    }

    private static void requireRange(String field, float v, boolean zeroAllowed) {
        if (!Float.isFinite(v) || v < 0 || (!zeroAllowed && v == 0)) {
            throw new IllegalArgumentException(field + " = " + v + " is out of range: expected a finite number "
                    + (zeroAllowed ? "of 0 or more" : "above 0"));
        }
    }

    public static OptimSpec defaults() {
        return new OptimSpec(1e-4f, 5e-5f, 1000, 0.9f, 0.99f, 1e-8f, 1e-4f, 1.0f);
    }

    public OptimSpec withLr(float peak, float min) {
        return new OptimSpec(peak, min, warmupSteps, beta1, beta2, eps, weightDecay, clipNorm);
    }

    public OptimSpec withWarmup(int steps) {
        return new OptimSpec(lr, minLr, steps, beta1, beta2, eps, weightDecay, clipNorm);
    }

    /** Linear warm-up to {@code lr}, then cosine decay to {@code minLr} at {@code totalSteps}. */
    public float lrAt(long step, long totalSteps) {
        if (step < warmupSteps) {
            return lr * (step + 1) / warmupSteps;
        }
        double progress = Math.min(1.0, (double) (step - warmupSteps) / Math.max(1, totalSteps - warmupSteps));
        return (float) (minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress)));
    }
}
