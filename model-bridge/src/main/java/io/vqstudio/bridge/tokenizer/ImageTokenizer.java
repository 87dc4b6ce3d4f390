package io.vqstudio.bridge.tokenizer;

import ai.djl.ndarray.NDArray;

/**
 * What every tokenizer gives the rest of the engine, whatever its family and wherever its weights
 * came from (trained here, or imported from another project's checkpoint): square images at its
 * resolution to a g x g grid of code ids, and back. Images cross this contract in [-1, 1]; a
 * family whose network takes another range (enhancing-transformers' [0, 1]) converts inside.
 */
public interface ImageTokenizer {

    /** The spec it was built from, of its family's record (saved beside every checkpoint). */
    TokenizerSpec spec();

    /** A short name: the preset, or the published model's name. */
    default String name() {
        return spec().name();
    }

    /** Side of the square images it takes, in pixels. */
    default int resolution() {
        return spec().resolution();
    }

    /** Side of the token grid, g (tokens per image = g * g). */
    default int gridSize() {
        return spec().gridSize();
    }

    /** Number of codes K; code ids are 0 .. K - 1. */
    default int codebookSize() {
        return spec().codebookSize();
    }

    /** Images (B, 3, H, W) in [-1, 1], H = W = resolution -> code grid (B, g, g) int64. */
    NDArray encode(NDArray images);

    /** Code grid (B, g, g) int64 -> images (B, 3, H, W) in [-1, 1]. */
    NDArray decode(NDArray grid);

    /** Number of weights. */
    long parameterCount();
}
