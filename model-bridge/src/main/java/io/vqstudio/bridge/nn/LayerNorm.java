package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** LayerNorm over the last axis only (DJL's block normalises all non-batch axes by default). */
public final class LayerNorm extends Module {

    private final NDArray gamma;
    private final NDArray beta;
    private final Shape normalized;

    public LayerNorm(NDManager m, int dim) {
        this.gamma = param("weight", Init.ones(m, dim));
        this.beta = param("bias", Init.zeros(m, dim));
        this.normalized = new Shape(dim);
    }

    /** (..., D) -> (..., D); computed in float32 for float16 inputs, as autocast does. */
    public NDArray forward(NDArray x) {
        return inFloat32(x, x32 -> ai.djl.nn.norm.LayerNorm.layerNorm(x32, normalized, gamma, beta, 1e-5f)
                .singletonOrThrow());
    }
}
