package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Parameter initialisers. Weights are drawn from the engine's seeded generator. */
public final class Init {

    private Init() {}

    /** N(0, std^2), the ViT / GPT-2 convention (std 0.02). */
    public static NDArray normal(NDManager m, float std, long... shape) {
        return m.randomNormal(0f, std, new Shape(shape), DataType.FLOAT32);
    }

    /** Kaiming-uniform with a = sqrt(5), PyTorch's default for conv and linear weights. */
    public static NDArray kaimingUniform(NDManager m, long fanIn, long... shape) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        return m.randomUniform(-bound, bound, new Shape(shape), DataType.FLOAT32);
    }

    public static NDArray zeros(NDManager m, long... shape) {
        return m.zeros(new Shape(shape), DataType.FLOAT32);
    }

    public static NDArray ones(NDManager m, long... shape) {
        return m.ones(new Shape(shape), DataType.FLOAT32);
    }
}
