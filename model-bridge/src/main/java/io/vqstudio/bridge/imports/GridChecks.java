package io.vqstudio.bridge.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** The argument checks of an imported tokenizer's {@code encode} and {@code decode}: one line each, naming what was expected. */
public final class GridChecks {

    private GridChecks() {}

    /** Images must be (B, 3, side, side) floats. */
    public static void images(NDArray images, int side) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(0) < 1 || s.get(1) != 3 || s.get(2) != side || s.get(3) != side
                || !images.getDataType().isFloating()) {
            throw new IllegalArgumentException("expected images (B, 3, " + side + ", " + side + ") of floats in [-1, 1], got "
                    + s + " " + images.getDataType());
        }
    }

    /** A grid must be (B, g, g) of integer code ids below {@code codes}; returned as int64. */
    public static NDArray grid(NDArray grid, int g, int codes) {
        Shape s = grid.getShape();
        if (s.dimension() != 3 || s.get(0) < 1 || s.get(1) != g || s.get(2) != g || !grid.getDataType().isInteger()) {
            throw new IllegalArgumentException("expected a code grid (B, " + g + ", " + g + ") of integers, got " + s + " " + grid.getDataType());
        }
        long lo = grid.min().toType(DataType.INT64, false).getLong(), hi = grid.max().toType(DataType.INT64, false).getLong();
        if (lo < 0 || hi >= codes) {
            throw new IllegalArgumentException("code ids must lie in 0.." + (codes - 1) + ", got " + lo + ".." + hi);
        }
        return grid.getDataType() == DataType.INT64 ? grid : grid.toType(DataType.INT64, false);
    }
}
