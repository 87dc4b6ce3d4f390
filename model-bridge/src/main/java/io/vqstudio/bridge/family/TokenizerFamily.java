package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.Importer;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.util.function.BiFunction;

/**
 * One tokenizer family as the registry knows it: its name in spec.json, its spec record, how to
 * build a model with fresh weights from a spec (a checkpoint's weights are then copied in by name),
 * and, for a family imported from another project, how to read that project's torch files.
 *
 * @param name     the {@code family} written in spec.json
 * @param title    how people call it, for messages ("taming VQGAN")
 * @param specType the family's spec record
 * @param builder  a fresh model of a spec, its parameters in the manager
 * @param importer reads the source project's files; null for the families we train here
 */
public record TokenizerFamily<S extends TokenizerSpec>(String name, String title, Class<S> specType,
        BiFunction<NDManager, S, ? extends ImageTokenizer> builder, Importer<S> importer) {

    /** A fresh model of {@code spec}, which must be this family's. */
    public ImageTokenizer build(NDManager m, TokenizerSpec spec) {
        return builder.apply(m, specType.cast(spec));
    }

    /** Whether models of this family can be trained here (its spec carries a quantizer and losses). */
    public boolean trainable() {
        return TrainableTokenizerSpec.class.isAssignableFrom(specType);
    }

    /** Whether it reads another project's checkpoints. */
    public boolean imported() {
        return importer != null;
    }
}
