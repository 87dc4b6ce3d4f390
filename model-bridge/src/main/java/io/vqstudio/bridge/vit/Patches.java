package io.vqstudio.bridge.vit;

import ai.djl.ndarray.NDArray;

/** Image <-> sequence of flattened non-overlapping patches, in raster order. */
public final class Patches {

    private Patches() {}

    /** (B, C, H, W) -> (B, (H/p)(W/p), p*p*C), each patch flattened as (py, px, c). */
    public static NDArray patchify(NDArray images, int p) {
        long b = images.getShape().get(0), c = images.getShape().get(1);
        long h = images.getShape().get(2) / p, w = images.getShape().get(3) / p;
        return images.reshape(b, c, h, p, w, p)
                .transpose(0, 2, 4, 3, 5, 1)                            // (B, h, w, p, p, C)
                .reshape(b, h * w, (long) p * p * c);
    }

    /** (B, g*g, p*p*C) -> (B, C, g*p, g*p), the inverse of {@link #patchify}. */
    public static NDArray unpatchify(NDArray x, int grid, int p, int c) {
        long b = x.getShape().get(0);
        return x.reshape(b, grid, grid, p, p, c)
                .transpose(0, 5, 1, 3, 2, 4)                            // (B, C, g, p, g, p)
                .reshape(b, c, (long) grid * p, (long) grid * p);
    }
}
