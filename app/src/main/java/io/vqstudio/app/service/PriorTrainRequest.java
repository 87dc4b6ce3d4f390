package io.vqstudio.app.service;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Path;

/**
 * What the studio's training form asks of a stage-2 run: the token grids to learn (a token file
 * written by {@code tokenize}), which prior, its size preset, and the loop's length.
 *
 * @param tokens    the token file of the training set
 * @param kind      AR (VIM) or MaskGIT
 * @param preset    a prior preset name (e.g. ar-cpu, maskgit-cpu, vim-base)
 * @param steps     optimiser steps
 * @param batchSize grids per step
 */
public record PriorTrainRequest(Path tokens, PriorKind kind, String preset, long steps, int batchSize) {

    public PriorTrainRequest {
        if (steps < 1 || batchSize < 1) {
            throw new IllegalArgumentException("steps and batch size must be positive");
        }
    }
}
