package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.Module;

/**
 * RMSNorm (Zhang and Sennrich 2019) as LlamaGen writes it: x * rsqrt(mean(x^2) + eps) over the last
 * axis, then times a learned per-channel weight, no bias and no mean subtraction. (..., D) -> (..., D),
 * float32 (the whole model runs in float32; LlamaGen casts to float32 here for its half-precision runs).
 */
final class RmsNorm extends Module {

    private final NDArray weight;   // (D)
    private final float eps;

    RmsNorm(NDManager m, int dim, float eps) {
        this.weight = param("weight", Init.ones(m, dim));
        this.eps = eps;
    }

    NDArray forward(NDArray x) {
        NDArray meanSquare = x.mul(x).mean(new int[] {-1}, true);            // (..., 1)
        return x.div(meanSquare.add(like(epsilon(), x)).sqrt()).mul(like(weight, x));
    }

    private NDArray epsilon;   // eps as a 0-d float32 array in the weight's manager: add(float) would make one each call

    private NDArray epsilon() {
        if (epsilon == null) {
            epsilon = weight.getManager().create(eps);
        }
        return epsilon;
    }
}
