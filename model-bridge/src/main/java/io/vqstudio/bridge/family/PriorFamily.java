package io.vqstudio.bridge.family;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorImporter;
import java.util.function.BiFunction;

/**
 * One prior family as the registry knows it: its name in spec.json, its spec record, how to build
 * a prior of a spec (a checkpoint's weights are then copied in by name) and, for a family of
 * another project, how to read that project's files.
 *
 * @param name     the {@code family} written in spec.json
 * @param title    how people call it, for messages ("LlamaGen GPT")
 * @param specType the family's spec record
 * @param builder  a prior of a spec with fresh weights, its parameters in the manager
 * @param importer reads the source project's files; null for the transformer we train here
 */
public record PriorFamily<S extends Record>(String name, String title, Class<S> specType,
        BiFunction<NDManager, S, ? extends Prior> builder, PriorImporter<S> importer) {

    /** A prior of {@code spec}, which must be this family's. */
    public Prior build(NDManager m, Object spec) {
        return builder.apply(m, specType.cast(spec));
    }

    public boolean imported() {
        return importer != null;
    }
}
