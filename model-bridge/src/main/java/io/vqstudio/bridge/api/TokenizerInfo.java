package io.vqstudio.bridge.api;

import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded tokenizer, of any family.
 *
 * @param family     its family's name in spec.json ({@code vit-vqgan}, {@code taming-vqgan}...)
 * @param trainable  whether it can be trained further here (a decoder fine-tune); false for imported families
 * @param resolution image side in pixels
 * @param source     where an imported model's weights came from ("last.ckpt, 3.0 MB, sha256 ab12..., from
 *                   PROJECT"); "" for a model made with VQ Studio
 */
public record TokenizerInfo(String name, String family, boolean trainable, String id, Path path, String specJson,
                            String card, int gridSize, int codebookSize, int resolution, long parameters, long step,
                            String source)
        implements ModelInfo {

    public TokenizerInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(family);
        Objects.requireNonNull(id);
        Objects.requireNonNull(path);
        Objects.requireNonNull(specJson);
        Objects.requireNonNull(card);
        Objects.requireNonNull(source);
    }

    /**
     * The spec of a tokenizer of our own families, which training continues from (a decoder
     * fine-tune); refused in a sentence for an imported one.
     */
    public TrainableTokenizerSpec trainableSpec() {
        TokenizerSpec spec = Json.GSON.fromJson(specJson, TokenizerSpec.class);
        if (spec instanceof TrainableTokenizerSpec t) {
            return t;
        }
        throw new IllegalArgumentException(name + " is a " + family + " tokenizer, imported for inference: only "
                + "VQ Studio's own families train here");
    }

    @Override
    public String kind() {
        return "tokenizer";
    }
}
