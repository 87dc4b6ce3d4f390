package io.vqstudio.bridge.core;

/**
 * How a prior draws tokens.
 *
 * @param temperature softmax temperature (1.0 as in the paper; lower is more conservative)
 * @param topK        keep the k most likely codes (0 = all)
 * @param topP        keep the smallest set of codes whose mass reaches p (1.0 = all)
 * @param cfgScale    classifier-free guidance scale, 0 or more (0 = unconditional, 1.0 = none, above 1 stronger;
 *                    logits = uncond + s (cond - uncond))
 * @param seed        same seed, same sample
 * @param steps       MaskGIT's parallel decoding steps (ignored by the AR prior)
 */
public record SamplingSpec(float temperature, int topK, float topP, float cfgScale, long seed, int steps) {

    /** Refuses what would sample garbage: NaN or infinite settings and values outside their ranges. */
    public SamplingSpec {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number above 0, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be 0 (all codes) or more, got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be above 0 and at most 1, got " + topP);
        }
        if (!(cfgScale >= 0) || Float.isInfinite(cfgScale)) {
            throw new IllegalArgumentException("the guidance scale must be a finite number of 0 (unconditional) or more, got "
                    + cfgScale);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("MaskGIT steps must be 1 or more, got " + steps);
        }
    }

    public static SamplingSpec defaults() {
        return new SamplingSpec(1.0f, 0, 1.0f, 1.0f, 0L, 10);
    }

    public SamplingSpec withTemperature(float t) {
        return new SamplingSpec(t, topK, topP, cfgScale, seed, steps);
    }

    public SamplingSpec withTopK(int k) {
        return new SamplingSpec(temperature, k, topP, cfgScale, seed, steps);
    }

    public SamplingSpec withTopP(float p) {
        return new SamplingSpec(temperature, topK, p, cfgScale, seed, steps);
    }

    public SamplingSpec withCfgScale(float s) {
        return new SamplingSpec(temperature, topK, topP, s, seed, steps);
    }

    public SamplingSpec withSeed(long s) {
        return new SamplingSpec(temperature, topK, topP, cfgScale, s, steps);
    }

    public SamplingSpec withSteps(int n) {
        return new SamplingSpec(temperature, topK, topP, cfgScale, seed, n);
    }
}
