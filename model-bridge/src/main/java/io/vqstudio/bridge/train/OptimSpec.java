package io.vqstudio.bridge.train;

/**
 * Optimiser and learning-rate schedule, ViT-VQGAN's by default: Adam (beta1 0.9, beta2 0.99),
 * peak learning rate 1e-4 after a linear warm-up, cosine decay to 5e-5, weight decay 1e-4
 * (decoupled, as AdamW), global gradient-norm clipping.
 */
public record OptimSpec(float lr, float minLr, int warmupSteps, float beta1, float beta2, float eps,
                        float weightDecay, float clipNorm) {

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
