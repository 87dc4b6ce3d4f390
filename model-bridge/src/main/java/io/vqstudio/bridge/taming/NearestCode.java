package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/**
 * The nearest code by squared Euclidean distance, computed as taming's {@code VectorQuantizer2}
 * and LlamaGen's {@code VectorQuantizer} write it: d = ||z||^2 + ||e||^2 - 2 z.e, arg-min over the
 * codes (the first on a tie, as {@code torch.argmin}). Keeping their expression, ||z||^2 included,
 * keeps float32 rounding close to theirs where two codes are nearly equidistant.
 */
public final class NearestCode {

    /** Rows of the (rows, K) distance matrix formed at a time, so it stays small and in cache. */
    static final int ROWS = 256;

    private NearestCode() {}

    /**
     * Vectors z (N, D) and codes (K, D), both owned by the caller's scope -> code ids (N) int64,
     * owned by {@code z}'s manager.
     */
    public static NDArray indices(NDArray z, NDArray codes) {
        NDArray book = codes.transpose();                                        // (D, K)
        NDArray codeSq = codes.square().sum(new int[] {1}).expandDims(0);       // (1, K)
        long n = z.getShape().get(0);
        NDList parts = new NDList();
        for (long i = 0; i < n; i += ROWS) {
            NDArray rows = z.get(new NDIndex("{}:{}", i, Math.min(n, i + ROWS)));       // (r, D)
            NDArray rowSq = rows.square().sum(new int[] {1}, true);                      // (r, 1)
            NDArray d = rowSq.add(codeSq).sub(rows.matMul(book).mul(2));                // (r, K)
            parts.add(d.argMin(1));                                                      // (r)
        }
        return parts.size() == 1 ? parts.singletonOrThrow() : NDArrays.concat(parts);
    }
}
