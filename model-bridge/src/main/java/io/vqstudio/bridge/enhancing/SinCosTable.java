package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * The fixed 2-D sin-cos position table of enhancing-transformers' ViT encoder and decoder (MAE's
 * {@code get_2d_sincos_pos_embed}), for models built without a checkpoint: a checkpoint stores
 * its table ({@code en_pos_embedding}, {@code de_pos_embedding}) and that stored table is what the
 * model uses.
 *
 * <p>Token t = row * g + column (raster order). Of the {@code dim} channels, the first half encodes
 * the <b>column</b> and the second half the row: the reference builds its grid with
 * {@code np.meshgrid(grid_w, grid_h)}, w first, and feeds grid[0] (the columns) to the half it
 * calls {@code emb_h}. Each half is [sin(pos w_k), cos(pos w_k)], k = 0 .. dim/4 - 1, with
 * w_k = 10000^(-k / (dim/4)); computed in float64 and rounded once to float32, as the reference does.
 */
final class SinCosTable {

    private SinCosTable() {}

    /** (1, g * g, dim) float32; dim must be a multiple of 4 (the spec checks it). */
    static NDArray of(NDManager m, int grid, int dim) {
        int quarter = dim / 4;
        double[] omega = new double[quarter];
        for (int k = 0; k < quarter; k++) {
            omega[k] = 1.0 / Math.pow(10000.0, k / (double) quarter);
        }
        float[] table = new float[grid * grid * dim];
        for (int row = 0; row < grid; row++) {
            for (int col = 0; col < grid; col++) {
                int base = (row * grid + col) * dim;
                for (int k = 0; k < quarter; k++) {
                    table[base + k] = (float) Math.sin(col * omega[k]);
                    table[base + quarter + k] = (float) Math.cos(col * omega[k]);
                    table[base + 2 * quarter + k] = (float) Math.sin(row * omega[k]);
                    table[base + 3 * quarter + k] = (float) Math.cos(row * omega[k]);
                }
            }
        }
        return m.create(table, new Shape(1, (long) grid * grid, dim));
    }
}
