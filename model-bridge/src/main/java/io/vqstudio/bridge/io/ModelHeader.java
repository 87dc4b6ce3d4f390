package io.vqstudio.bridge.io;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The content of {@code spec.json}: what kind of model a checkpoint holds, the spec it was built
 * from, and identities. A tokenizer's {@code id} names its codes: a digest of its weights, kept
 * by a decoder fine-tune (which cannot change a code); a prior's {@code tokenizerId} names the
 * tokenizer whose codes it models, so mismatches are caught.
 *
 * @param kind        "tokenizer" or "prior"
 * @param format      file format version
 * @param id          identity of these weights (for a tokenizer: of its codes)
 * @param tokenizerId for priors: the tokenizer's id; null for tokenizers
 * @param spec        the model spec (a TokenizerSpec or PriorSpec as JSON)
 * @param step        training step at which it was saved
 * @param origin      for a model imported from another project's file: that file and project; absent
 *                    (null) for the models trained here
 */
public record ModelHeader(String kind, int format, String id, String tokenizerId, JsonElement spec, long step,
                          Origin origin) {

    public static final int FORMAT = 1;

    public static ModelHeader read(Path checkpointDir) throws IOException {
        ModelHeader h = Json.read(checkpointDir.resolve(CheckpointDir.SPEC), ModelHeader.class);
        if (h.kind() == null || h.spec() == null) {
            throw new IOException(checkpointDir.resolve(CheckpointDir.SPEC) + " is not a VQ Studio model spec");
        }
        if (h.format() > FORMAT) {
            throw new IOException(checkpointDir + " was written by a newer VQ Studio (format " + h.format() + ")");
        }
        return h;
    }

    /** @throws IOException naming both kinds when this is not a {@code expected} checkpoint */
    public ModelHeader requireKind(String expected, Path where) throws IOException {
        if (!expected.equals(kind)) {
            throw new IOException(where + " holds a " + kind + ", not a " + expected);
        }
        return this;
    }
}
