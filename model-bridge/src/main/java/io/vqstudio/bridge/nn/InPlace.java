package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes values into an existing array (a parameter, a codebook, an optimiser moment), keeping its
 * identity, shape and type. Use it instead of {@code NDArray.set(float[])}: DJL's JNI does that
 * one copy under libtorch's deprecated {@code AutoNonVariableTypeMode} guard, whose warning libtorch
 * prints on stderr (once per process) in the middle of whatever the user is watching. Here the
 * values go in through an indexed copy, the same in-place write without the guard.
 */
public final class InPlace {

    private static final NDIndex ALL = new NDIndex("...");

    private InPlace() {}

    /** {@code target[...] = values}, values in row-major order of target's shape; no gradient is recorded. */
    public static void set(NDArray target, float[] values) {
        if (values.length != target.getShape().size()) {
            throw new IllegalArgumentException(values.length + " values for an array of shape " + target.getShape());
        }
        try (NoGrad noGrad = NoGrad.enter();
             NDArray src = target.getManager().create(values, target.getShape())) {
            if (src.getDataType() == target.getDataType()) {
                target.set(ALL, src);
            } else {
                try (NDArray typed = src.toType(target.getDataType(), false)) {
                    target.set(ALL, typed);
                }
            }
        }
    }

    /** {@code target[...] = source}, same shape, source cast to target's type; no gradient is recorded. */
    public static void set(NDArray target, NDArray source) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("an array of shape " + source.getShape() + " for one of shape " + target.getShape());
        }
        try (NoGrad noGrad = NoGrad.enter()) {
            if (source.getDataType() == target.getDataType()) {
                target.set(ALL, source);
            } else {
                try (NDArray typed = source.toType(target.getDataType(), false)) {
                    target.set(ALL, typed);
                }
            }
        }
    }
}
