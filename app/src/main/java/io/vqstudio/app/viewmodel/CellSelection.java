package io.vqstudio.app.viewmodel;

/**
 * An immutable set of cells of a g x g token grid, as a raster-order mask (the layout the
 * resample call takes). Every operation returns a new selection.
 */
public final class CellSelection {

    private final int size;
    private final boolean[] mask;

    private CellSelection(int size, boolean[] mask) {
        this.size = size;
        this.mask = mask;
    }

    public static CellSelection empty(int size) {
        return new CellSelection(size, new boolean[size * size]);
    }

    public int size() {
        return size;
    }

    public boolean contains(int row, int col) {
        return row >= 0 && col >= 0 && row < size && col < size && mask[row * size + col];
    }

    public int count() {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    public boolean isEmpty() {
        return count() == 0;
    }

    /** A copy of the mask, true = selected. */
    public boolean[] mask() {
        return mask.clone();
    }

    /** This selection plus the rectangle between two corners (inclusive, any order, clipped). */
    public CellSelection withRect(int r0, int c0, int r1, int c1) {
        boolean[] m = mask.clone();
        for (int r = Math.max(0, Math.min(r0, r1)); r <= Math.min(size - 1, Math.max(r0, r1)); r++) {
            for (int c = Math.max(0, Math.min(c0, c1)); c <= Math.min(size - 1, Math.max(c0, c1)); c++) {
                m[r * size + c] = true;
            }
        }
        return new CellSelection(size, m);
    }

    /** This selection plus a round brush of {@code radius} cells (0 = one cell) at (row, col). */
    public CellSelection withBrush(int row, int col, int radius) {
        boolean[] m = mask.clone();
        for (int r = row - radius; r <= row + radius; r++) {
            for (int c = col - radius; c <= col + radius; c++) {
                int dr = r - row, dc = c - col;
                if (r >= 0 && c >= 0 && r < size && c < size && dr * dr + dc * dc <= radius * radius) {
                    m[r * size + c] = true;
                }
            }
        }
        return new CellSelection(size, m);
    }

    /** This selection with one cell flipped. */
    public CellSelection toggled(int row, int col) {
        boolean[] m = mask.clone();
        if (row >= 0 && col >= 0 && row < size && col < size) {
            m[row * size + col] = !m[row * size + col];
        }
        return new CellSelection(size, m);
    }

    /** Bounding box {rowMin, colMin, rowMax, colMax}, or null when empty. */
    public int[] bounds() {
        int r0 = size, c0 = size, r1 = -1, c1 = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i]) {
                r0 = Math.min(r0, i / size);
                r1 = Math.max(r1, i / size);
                c0 = Math.min(c0, i % size);
                c1 = Math.max(c1, i % size);
            }
        }
        return r1 < 0 ? null : new int[] {r0, c0, r1, c1};
    }
}
