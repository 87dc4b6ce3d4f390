package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A loaded prior.
 *
 * @param priorKind   AR or MaskGIT
 * @param tokenizerId the id of the tokenizer whose codes it models
 * @param classNames  the class names, index = class id (empty for an unconditional prior)
 */
public record PriorInfo(String name, PriorKind priorKind, String id, String tokenizerId, Path path, String specJson,
                        String card, int gridSize, int codebookSize, List<String> classNames, long parameters, long step)
        implements ModelInfo {

    public PriorInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(priorKind);
        Objects.requireNonNull(id);
        Objects.requireNonNull(tokenizerId);
        Objects.requireNonNull(path);
        Objects.requireNonNull(specJson);
        Objects.requireNonNull(card);
        classNames = List.copyOf(classNames);
    }

    @Override
    public String kind() {
        return "prior";
    }
}
