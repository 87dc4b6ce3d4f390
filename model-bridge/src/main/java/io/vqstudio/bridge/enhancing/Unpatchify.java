package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.Module;

/**
 * The reference decoder's last layer, {@code ConvTranspose2d(dim, 3, kernel = p, stride = p)} over
 * the (B, dim, g, g) token map. With kernel = stride the output patches do not overlap: each token
 * is mapped on its own to a 3 x p x p patch, out[c, i p + y, j p + x] = b[c] + sum_d t_ij[d] W[d, c, y, x].
 * So it is one matrix product with the weight as stored, (dim, 3, p, p) read as (dim, 3 p p), and a
 * reshape; DJL's transposed convolution is unsupported on this engine, and this is cheaper anyway.
 * Tokens (B, T, dim), raster order -> images (B, 3, g p, g p). Parameters {@code weight}, {@code bias}.
 */
final class Unpatchify extends Module {

    private final NDArray weight;
    private final NDArray bias;
    private final int grid;
    private final int patch;

    Unpatchify(NDManager m, int dim, int grid, int patch) {
        long fanIn = 3L * patch * patch; // PyTorch's ConvTranspose2d default draws from the output side's fan
        this.weight = param("weight", Init.kaimingUniform(m, fanIn, dim, 3, patch, patch));
        this.bias = param("bias", Init.kaimingUniform(m, fanIn, 3));
        this.grid = grid;
        this.patch = patch;
    }

    NDArray forward(NDArray tokens) {
        long b = tokens.getShape().get(0), d = tokens.getShape().get(2);
        NDArray y = tokens.matMul(view(weight, tokens, d, 3L * patch * patch)) // (B, T, 3 p p)
                .reshape(b, grid, grid, 3, patch, patch)
                .transpose(0, 3, 1, 4, 2, 5)                              // (B, 3, g, p, g, p)
                .reshape(b, 3, (long) grid * patch, (long) grid * patch);  // (B, 3, H, W)
        return y.add(view(bias, y, 1, 3, 1, 1));
    }
}
