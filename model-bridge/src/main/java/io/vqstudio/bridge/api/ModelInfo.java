package io.vqstudio.bridge.api;

import java.nio.file.Path;

/**
 * What the studio and the CLI show about a loaded model: a tokenizer or a prior, each with only
 * the fields it has.
 */
public sealed interface ModelInfo permits TokenizerInfo, PriorInfo {

    /** "tokenizer" or "prior", as spec.json's {@code kind}. */
    String kind();

    String name();

    /** Identity of its weights; for a tokenizer, of its codes. */
    String id();

    /** The checkpoint directory it was opened from. */
    Path path();

    /** The full spec, as saved in spec.json. */
    String specJson();

    /** The model card (markdown). */
    String card();

    /** Side of the token grid. */
    int gridSize();

    /** Number of codes. */
    int codebookSize();

    /** Number of parameters. */
    long parameters();

    /** The training step it was saved at (0 for an imported model). */
    long step();
}
