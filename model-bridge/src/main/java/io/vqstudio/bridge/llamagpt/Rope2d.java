package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * LlamaGen's 2-D rotary position embedding ({@code precompute_freqs_cis_2d}, {@code apply_rotary_emb};
 * RoFormer, Su et al. 2021, over a grid): a head of width Dh is Dh/2 pairs of adjacent elements
 * (x[2i], x[2i+1]); pair i < Dh/4 turns by row * f_i, pair i >= Dh/4 by column * f_(i - Dh/4), with
 * f_j = 1 / base^(2j / (Dh/2)). Image token t sits at cell (t / g, t % g).
 *
 * <p>The class-token positions get cos = sin = 0, exactly as the reference prepends zero rows: this
 * is not an identity rotation, it zeroes the class token's queries and keys (its key scores 0 for
 * every query). We reproduce it because the released weights were trained with it.
 *
 * <p>Applied as x * C + swap(x) * S, where C repeats each pair's cos twice, S is (-sin, +sin) and
 * swap exchanges the two elements of each pair: the reference's (x0 cos - x1 sin, x1 cos + x0 sin).
 */
final class Rope2d {

    private final int headDim;
    private final float[] cos;    // (S, Dh): per position, each pair's cos twice
    private final float[] sin;    // (S, Dh): per position, (-sin, +sin) per pair

    Rope2d(LlamaGptSpec spec) {
        headDim = spec.headDim();
        int pairs = headDim / 2, quarter = headDim / 4, g = spec.gridSize(), cls = spec.clsTokenNum();
        float[] freqs = new float[quarter];
        for (int j = 0; j < quarter; j++) {                                     // float32, as the reference computes them
            float exponent = (float) (2 * j) / (float) pairs;
            freqs[j] = 1f / (float) Math.pow(spec.ropeBase(), exponent);
        }
        int seq = spec.seqLen();
        cos = new float[seq * headDim];
        sin = new float[seq * headDim];
        for (int t = 0; t < spec.blockSize(); t++) {
            int row = t / g, col = t % g, base = (cls + t) * headDim;
            for (int i = 0; i < pairs; i++) {
                float angle = i < quarter ? row * freqs[i] : col * freqs[i - quarter];
                float c = (float) Math.cos(angle), s = (float) Math.sin(angle);
                cos[base + 2 * i] = c;
                cos[base + 2 * i + 1] = c;
                sin[base + 2 * i] = -s;
                sin[base + 2 * i + 1] = s;
            }
        }
    }

    /** The factors of positions start..start+len-1, as (len, 1, Dh) arrays {cos, signed sin} in {@code m}. */
    NDArray[] factors(NDManager m, int start, int len) {
        float[] c = new float[len * headDim], s = new float[len * headDim];
        System.arraycopy(cos, start * headDim, c, 0, c.length);
        System.arraycopy(sin, start * headDim, s, 0, s.length);
        Shape shape = new Shape(len, 1, headDim);
        return new NDArray[] {m.create(c, shape), m.create(s, shape)};
    }

    /**
     * The rotation of position {@code pos} as a matrix, (Dh, Dh) in {@code m}: x R is {@link #apply} for
     * one position (each pair's 2x2 rotation on the diagonal; zero for the class token), so one product
     * turns the queries and keys of every head at once in a decoding step.
     */
    NDArray rotation(NDManager m, int pos) {
        float[] r = new float[headDim * headDim];
        int base = pos * headDim;
        for (int i = 0; i < headDim; i += 2) {
            r[i * headDim + i] = cos[base + i];                                  // out[2p]   = x[2p] cos - x[2p+1] sin
            r[(i + 1) * headDim + i] = sin[base + i];
            r[i * headDim + i + 1] = sin[base + i + 1];                          // out[2p+1] = x[2p+1] cos + x[2p] sin
            r[(i + 1) * headDim + i + 1] = cos[base + i + 1];
        }
        return m.create(r, new Shape(headDim, headDim));
    }

    /**
     * @param x       (B, T, H, Dh)
     * @param factors from {@link #factors} for the T positions
     * @return (B, T, H, Dh) rotated
     */
    static NDArray apply(NDArray x, NDArray[] factors) {
        Shape s = x.getShape();
        NDArray swapped = x.reshape(s.get(0), s.get(1), s.get(2), s.get(3) / 2, 2).flip(4).reshape(s); // (x1, x0) per pair
        return x.mul(factors[0]).add(swapped.mul(factors[1]));
    }
}
