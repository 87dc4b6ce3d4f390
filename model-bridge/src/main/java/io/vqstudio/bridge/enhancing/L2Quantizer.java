package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Scalars;

/**
 * enhancing-transformers' {@code VectorQuantizer} at inference (use_norm on, not residual): z and
 * the codebook rows ({@code embedding.weight}, (K, e)) are l2-normalised (F.normalize, eps 1e-12),
 * the code is the arg-min of the squared distance |z|^2 + |e|^2 - 2 z.e, and the quantized vector
 * is the normalised row, both when encoding and when decoding codes.
 */
final class L2Quantizer extends Module {

    /** Rows of the (rows, K) distance matrix formed at a time, so that it stays small. */
    private static final long MATCH_ROWS = 256;

    private final NDArray embedding;
    private final int embedDim;

    L2Quantizer(NDManager m, int nEmbed, int embedDim) {
        float bound = 1f / nEmbed; // the reference's uniform(-1/K, 1/K)
        this.embedding = param("embedding.weight",
                m.randomUniform(-bound, bound, new ai.djl.ndarray.types.Shape(nEmbed, embedDim), DataType.FLOAT32));
        this.embedDim = embedDim;
    }

    /** The normalised codebook (K, e), owned by {@code like}'s manager. */
    private NDArray normalisedCodes(NDArray like) {
        return view(embedding, like, embedding.getShape().getShape()).normalize(2, 1, 1e-12);
    }

    /** z (B, T, e) -> code ids (B, T) int64. */
    NDArray indices(NDArray z) {
        long b = z.getShape().get(0), t = z.getShape().get(1);
        NDArray zn = z.reshape(-1, embedDim).normalize(2, 1, 1e-12);      // (N, e)
        NDArray codes = normalisedCodes(zn);                              // (K, e)
        NDArray book = codes.transpose();                                 // (e, K)
        NDArray codeSq = codes.square().sum(new int[] {1});               // (K)
        long n = zn.getShape().get(0);
        NDList parts = new NDList();
        for (long i = 0; i < n; i += MATCH_ROWS) {
            NDArray rows = zn.get(new NDIndex("{}:{}", i, Math.min(n, i + MATCH_ROWS))); // (r, e)
            NDArray d = rows.square().sum(new int[] {1}, true).add(codeSq)
                    .sub(Scalars.mul(rows.matMul(book), 2));              // (r, K)
            parts.add(d.argMin(1));                                       // (r)
            d.close();
        }
        NDArray ids = parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        return ids.reshape(b, t);                                         // (B, T)
    }

    /** Code ids (B, T) -> normalised code vectors (B, T, e). */
    NDArray lookup(NDArray ids) {
        long b = ids.getShape().get(0), t = ids.getShape().get(1);
        return normalisedCodes(ids).get(ids.reshape(-1)).reshape(b, t, embedDim);
    }
}
