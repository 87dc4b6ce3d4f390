package io.vqstudio.bridge.imports;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/**
 * How a family imported from another project reads that project's checkpoints: whether a state
 * dict is one of its models (by its keys, never by the file's name), the spec its weights' shapes
 * give (with the project's config when one lies beside the file), and the model with those
 * weights. Every refusal is one line naming the file ({@link ImportException}).
 *
 * @param <S> the family's spec record
 */
public interface Importer<S extends TokenizerSpec> {

    /** The project the weights come from, with where it is published. */
    String project();

    /** The licence under which the project publishes its code and weights, as its own documents state it. */
    String licence();

    /** Whether the weights' keys are this family's (under any single prefix, e.g. {@code first_stage_model.}). */
    boolean recognises(StateDict sd);

    /** The project's config file beside {@code checkpoint}, or null when there is none. */
    Path configBeside(Path checkpoint);

    /**
     * The spec the weights give, with each finding explained.
     *
     * @param configOrNull the project's config for these weights, or null
     */
    Inferred<S> infer(StateDict sd, Path configOrNull) throws IOException;

    /**
     * The same network for images of {@code side} pixels, where its weights allow another side (a
     * CNN's do; a ViT's stored positions fix its grid).
     *
     * @throws ImportException naming the file when the family's weights fix the side, or the side does not fit
     */
    S atResolution(StateDict sd, S spec, int side) throws ImportException;

    /** The model of {@code spec} with the weights of {@code sd}, in (a sub-manager of) {@code m}. */
    ImageTokenizer load(StateDict sd, S spec, NDManager m) throws IOException;
}
