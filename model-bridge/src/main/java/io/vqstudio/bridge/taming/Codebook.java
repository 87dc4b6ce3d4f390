package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.nn.Module;

/**
 * The code table of taming's and LlamaGen's vector quantizers, {@code quantize.embedding.weight}
 * (an {@code nn.Embedding} inside the quantizer, hence the two levels of names): (K, D), K codes
 * of D values. Holds the weights only; the families decide how codes are matched and looked up.
 * Initialised uniform in [-1/K, 1/K], as both projects do, for models built without a checkpoint.
 */
public final class Codebook extends Module {

    private final Table embedding;

    public Codebook(NDManager m, int codes, int dim) {
        this.embedding = child("embedding", new Table(m, codes, dim));
    }

    /** The (K, D) table, owned by the model. */
    public NDArray weight() {
        return embedding.weight;
    }

    /** The {@code nn.Embedding} level of the names: one parameter, {@code weight}. */
    private static final class Table extends Module {

        private final NDArray weight;

        Table(NDManager m, int codes, int dim) {
            this.weight = param("weight", m.randomUniform(-1f / codes, 1f / codes, new Shape(codes, dim)));
        }
    }

    /** (K, D) table as an array of {@code like}'s manager, so expressions on it are freed with the caller's scope. */
    public NDArray table(NDArray like) {
        long[] s = weight().getShape().getShape();
        return view(weight(), like, s[0], s[1]);
    }
}
