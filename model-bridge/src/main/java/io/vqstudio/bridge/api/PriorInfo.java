package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded prior.
 *
 * @param family      its family's name in spec.json ({@code transformer} for ours, {@code llamagen-gpt}...)
 * @param priorKind   AR or MaskGIT
 * @param tokenizerId the id of the tokenizer whose codes it models
 * @param classNames  the class names, index = class id (empty for an unconditional prior)
 * @param nullClass   whether it samples without a class and takes classifier-free guidance; false
 *                    for a prior trained with a class always given (taming's)
 * @param source      where an imported prior's weights came from ("c2i_B_256.pt, 444.6 MB, sha256 ab12..., from
 *                    PROJECT"); "" for a prior trained with VQ Studio
 */
public record PriorInfo(String name, String family, PriorKind priorKind, String id, String tokenizerId, Path path,
                        String specJson, String card, int gridSize, int codebookSize, List<String> classNames,
                        long parameters, long step, boolean nullClass, String source)
        implements ModelInfo {

    public PriorInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(priorKind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(tokenizerId);
        Objects.requireNonNull(path);
        Objects.requireNonNull(specJson);
        Objects.requireNonNull(card);
        Objects.requireNonNull(family);
        Objects.requireNonNull(source);
        classNames = List.copyOf(classNames);
    }

    @Override
    public String kind() {
        return "prior";
    }
}
