package io.vqstudio.bridge.api;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A loaded tokenizer, of any family.
 *
 * @param family     its family's name in spec.json ({@code vit-vqgan}, {@code taming-vqgan}...)
 * @param trainable  whether it can be trained further here (a decoder fine-tune); false for imported families
 * @param resolution image side in pixels
 */
public record TokenizerInfo(String name, String family, boolean trainable, String id, Path path, String specJson,
                            String card, int gridSize, int codebookSize, int resolution, long parameters, long step)
        implements ModelInfo {

    public TokenizerInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(family);
        Objects.requireNonNull(id);
        Objects.requireNonNull(path);
        Objects.requireNonNull(specJson);
        Objects.requireNonNull(card);
    }

    @Override
    public String kind() {
        return "tokenizer";
    }
}
