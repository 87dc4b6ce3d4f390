package io.vqstudio.bridge.tokenizer;

import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;

/**
 * Everything that defines a tokenizer of one family; saved as {@code spec.json} beside every
 * checkpoint (with its {@code family}), so loading needs nothing else. Each family has its own
 * record in its own package ({@code vit.ViTVqganSpec}, {@code cnn.CnnVqganSpec},
 * {@code cnn.VqVaeSpec}, {@code taming.TamingVqganSpec}, {@code llamagen.LlamaGenVqSpec},
 * {@code enhancing.EnhancingVitvqSpec}) holding only the fields that family has, each checked by
 * its constructor.
 *
 * <p>Not {@code sealed}: outside a named module Java requires every permitted subclass to be in
 * the sealed type's own package (JLS 8.1.6), and each family keeps its record in its own package.
 * The registry, {@code family.Families}, is the one place that knows every family instead, and a
 * test fails when a record implementing this interface is not registered there.
 */
public interface TokenizerSpec {

    /** A short name: the preset, or the published model's name. */
    String name();

    /** The family's registry name, written as {@code family} in spec.json ({@code "vit-vqgan"}, {@code "taming-vqgan"}...). */
    String family();

    /** Side of the square images, in pixels. */
    int resolution();

    /** Side of the token grid. */
    int gridSize();

    /** Number of codes K. */
    int codebookSize();

    /** Estimated weights and one image's activations, to refuse a model this machine cannot hold before building it. */
    Footprint footprint();

    /**
     * The grid side when each token covers {@code side} pixels of a {@code resolution} image: checked
     * to divide it into at most {@code MAX_GRID} tokens a side, else a {@link SpecException} names
     * {@code cellField}, the field that sets the side of a token.
     */
    static int checkGrid(String cellField, int side, int resolution) {
        if (resolution % side != 0) {
            throw new SpecException(cellField, "gives tokens of " + side + " pixels a side, which do not divide the resolution ("
                    + resolution + ")");
        }
        if (resolution / side > MAX_GRID) {
            throw new SpecException(cellField, "gives a " + resolution / side + " x " + resolution / side
                    + " token grid; at most " + MAX_GRID + " a side");
        }
        return resolution / side;
    }
}
