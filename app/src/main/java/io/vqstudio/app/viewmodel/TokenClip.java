package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.TokenGrid;

/**
 * Copied tokens: the bounding box of a selection, its codes and which of them were selected
 * (only those are pasted). Grids of the same tokenizer accept it, in the same image or another.
 *
 * @param codes    rows x cols codes, row-major
 * @param selected rows x cols flags
 */
public record TokenClip(int rows, int cols, int[] codes, boolean[] selected, int codebookSize) {

    public static TokenClip copy(TokenGrid grid, CellSelection sel) {
        int[] b = sel.bounds();
        if (b == null) {
            return null;
        }
        int rows = b[2] - b[0] + 1, cols = b[3] - b[1] + 1;
        int[] codes = new int[rows * cols];
        boolean[] on = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                codes[r * cols + c] = grid.get(b[0] + r, b[1] + c);
                on[r * cols + c] = sel.contains(b[0] + r, b[1] + c);
            }
        }
        return new TokenClip(rows, cols, codes, on, grid.codebookSize());
    }

    /** {@code grid} with this clip's selected cells written from (row, col); cells past the edge are dropped. */
    public TokenGrid pasteInto(TokenGrid grid, int row, int col) {
        if (grid.codebookSize() != codebookSize) {
            throw new IllegalArgumentException("These tokens come from a " + codebookSize
                    + "-code tokenizer; this image uses " + grid.codebookSize() + " codes");
        }
        int g = grid.size();
        int[] out = grid.codes();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int tr = row + r, tc = col + c;
                if (selected[r * cols + c] && tr >= 0 && tc >= 0 && tr < g && tc < g) {
                    out[tr * g + tc] = codes[r * cols + c];
                }
            }
        }
        return new TokenGrid(g, out, codebookSize);
    }
}
