package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a prior family of another project reads that project's checkpoints: whether a state dict is
 * one of its priors (by its keys), the spec the weights' shapes give (with the project's config
 * when one lies beside the file, and the grid where the weights cannot show it), and the prior
 * with those weights. Every refusal is one line naming the file.
 *
 * @param <S> the family's spec record
 */
public interface PriorImporter<S extends Record> {

    /** The project the weights come from, with where it is published. */
    String project();

    /** The licence under which the project publishes its code and weights. */
    String licence();

    /** Whether the weights' keys are this family's prior. */
    boolean recognises(StateDict sd);

    /** The project's config file beside {@code checkpoint}, or null when there is none. */
    Path configBeside(Path checkpoint);

    /**
     * The spec the weights give, with each finding explained.
     *
     * @param configOrNull  the project's config for these weights, or null
     * @param gridOrNull    the grid side the user gave, or null
     * @param headsOrNull   the attention heads the user gave (the weights cannot show them), or null
     * @param tokenizerGrid the grid of the tokenizer the prior is imported for: the grid where neither
     *                      the user, the config nor the file says one
     */
    Inferred<S> infer(StateDict sd, Path configOrNull, Integer gridOrNull, Integer headsOrNull, int tokenizerGrid)
            throws IOException;

    /**
     * Whether the project's prior files also hold the tokenizer they were trained on (taming's cond
     * transformer carries its first stage), which then imports from the same file.
     */
    default boolean carriesTokenizer() {
        return false;
    }

    /** The prior of {@code spec} with the weights of {@code sd}, in {@code m}. */
    Prior load(StateDict sd, S spec, NDManager m) throws IOException;
}
