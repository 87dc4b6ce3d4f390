package io.vqstudio.bridge.data;

import java.util.Objects;

/**
 * One image of a dataset: its name inside the source and its class label.
 *
 * <p>The name is the path inside the source with {@code /} separators ({@code cats/a.png},
 * {@code train/n01443537/images/n01443537_0.JPEG}, {@code train-images#123} for IDX files). It is
 * what the train/validation split hashes and what warnings show, so a folder and a zip with the
 * same layout give the same names and therefore the same split.
 *
 * @param name  path inside the source, never blank
 * @param label index into {@link ImageSource#classes()}, {@code >= 0}
 */
public record ImageEntry(String name, int label) {

    public ImageEntry {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an image entry needs a name");
        }
        if (label < 0) {
            throw new IllegalArgumentException("label of " + name + " is negative: " + label);
        }
    }
}
