package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Reuse;

/**
 * Taming's two helpers, {@code Normalize} and {@code nonlinearity}: GroupNorm (eps 1e-6, affine)
 * and swish, x * sigmoid(x), as used throughout its convolutional encoder and decoder.
 */
public final class CnnOps {

    /** Taming's group count. */
    public static final int MAX_GROUPS = 32;

    private CnnOps() {}

    /**
     * Groups for a GroupNorm over {@code channels}: 32 as in taming, or, when 32 does not divide
     * the channel count (tiny test models with 16 or 24 channels), the largest count below 32
     * that does. Deviation from taming, which fixes 32 and so rejects such widths; every width
     * taming ships (multiples of 128) still gets 32.
     */
    public static int groups(int channels) {
        for (int g = Math.min(MAX_GROUPS, channels); g > 1; g--) {
            if (channels % g == 0) {
                return g;
            }
        }
        return 1;
    }

    /** Taming's {@code Normalize(channels)}: (B, C, H, W) -> (B, C, H, W). */
    public static GroupNorm groupNorm(NDManager m, int channels) {
        return new GroupNorm(m, groups(channels), channels);
    }

    /** Swish (SiLU), x * sigmoid(x), element-wise; the result belongs to {@code x}'s manager. */
    public static NDArray swish(NDArray x) {
        return Reuse.mul(Activation.sigmoid(x), x);                    // sigmoid(x) * x, the same product
    }
}
