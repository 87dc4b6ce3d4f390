package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Views along one axis and writes into them, straight through libtorch's {@code narrow} and slice
 * assignment. DJL's {@code get(NDIndex)} and {@code set(NDIndex, ...)} do the same after parsing
 * and checking the index in Java, which costs several times the operation itself when the arrays
 * are a few kilobytes: the case of one decoding step, which takes and writes a dozen slices a layer.
 */
public final class Slices {

    private Slices() {}

    /**
     * {@code a} narrowed to {@code from..to-1} along {@code axis}: a view sharing a's memory, owned by
     * a's manager (close it, or attach it elsewhere, when a outlives the step).
     */
    public static NDArray narrow(NDArray a, int axis, long from, long to) {
        return JniUtils.slice((PtNDArray) a, axis, from, to, 1);
    }

    /**
     * Copies {@code value} into {@code target} at {@code from..to-1} along {@code axis}, in place; value
     * has the shape of that slice (or broadcasts to it). No gradient is recorded.
     */
    public static void write(NDArray target, int axis, long from, long to, NDArray value) {
        int rank = target.getShape().dimension();
        long[] min = new long[rank], max = target.getShape().getShape(), step = new long[rank];
        java.util.Arrays.fill(step, 1);
        min[axis] = from;
        max[axis] = to;
        try (NoGrad noGrad = NoGrad.enter()) {
            JniUtils.indexSet((PtNDArray) target, (PtNDArray) value, min, max, step);
        }
    }
}
