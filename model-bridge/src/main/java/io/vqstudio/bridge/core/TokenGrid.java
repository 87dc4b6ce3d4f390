package io.vqstudio.bridge.core;

import java.util.Arrays;

/**
 * A g x g grid of code ids in raster order, as a tokenizer produces it: plain data that crosses
 * the api, is edited in the studio and saved as JSON or npy.
 *
 * @param size         g, the grid side
 * @param codes        g * g ids in [0, codebookSize)
 * @param codebookSize K of the tokenizer that made it
 */
public record TokenGrid(int size, int[] codes, int codebookSize) {

    public TokenGrid {
        if (size < 1 || codes.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " grid needs " + size * size
                    + " codes, got " + codes.length);
        }
        for (int c : codes) {
            if (c < 0 || c >= codebookSize) {
                throw new IllegalArgumentException("code " + c + " is outside the codebook [0, " + codebookSize + ")");
            }
        }
        codes = codes.clone();
    }

    public int get(int row, int col) {
        return codes[row * size + col];
    }

    /** A copy with cell (row, col) set to {@code code}. */
    public TokenGrid with(int row, int col, int code) {
        int[] c = codes.clone();
        c[row * size + col] = code;
        return new TokenGrid(size, c, codebookSize);
    }

    @Override
    public int[] codes() {
        return codes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenGrid t && t.size == size && t.codebookSize == codebookSize && Arrays.equals(t.codes, codes);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(codes) + size;
    }

    @Override
    public String toString() {
        return "TokenGrid[" + size + "x" + size + ", K=" + codebookSize + "]";
    }
}
