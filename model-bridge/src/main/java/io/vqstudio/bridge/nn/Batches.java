package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import java.util.function.UnaryOperator;

/**
 * Runs an inference function over a batch in slices along the first axis, without gradient
 * recording, each slice in its own scope: a slice's activations (a 256 px image's first feature maps
 * are 32 MiB each; a ViT's attention maps grow with the square of its tokens) are freed as soon as
 * the slice is done instead of when the caller's manager closes. On a GPU the batch goes through
 * whole, in one scope. Every tokenizer's encode and decode runs through it.
 */
public final class Batches {

    /** Images per pass on the CPU for the imported convolutional families: larger batches only add memory traffic. */
    public static final int CPU_SLICE = 4;

    private Batches() {}

    /** {@code f} over slices of {@code batch}; the concatenated result is owned by {@code batch}'s manager. */
    public static NDArray map(NDArray batch, UnaryOperator<NDArray> f) {
        return map(batch, CPU_SLICE, f);
    }

    /** {@code f} over slices of at most {@code cpuSlice} images on the CPU (whole on a GPU); the result is owned by {@code batch}'s manager. */
    public static NDArray map(NDArray batch, long cpuSlice, UnaryOperator<NDArray> f) {
        long b = batch.getShape().get(0);
        if (b < 1) {
            throw new IllegalArgumentException("an empty batch has no images to run");
        }
        long step = batch.getDevice().isGpu() ? Math.max(b, 1) : Math.max(1, cpuSlice);
        NDManager owner = batch.getManager();
        NDList parts = new NDList();
        try (NoGrad noGrad = NoGrad.enter()) {
            for (long i = 0; i < b; i += step) {
                try (NDManager scope = owner.newSubManager()) {
                    NDArray x = batch.get(new NDIndex("{}:{}", i, Math.min(b, i + step)));
                    x.attach(scope);
                    NDArray y = f.apply(x);
                    y.attach(owner);
                    parts.add(y);
                }
            }
        }
        if (parts.size() == 1) {
            return parts.singletonOrThrow();
        }
        NDArray out = NDArrays.concat(parts);
        parts.close();
        return out;
    }
}
