package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Path;

/**
 * What the studio and the CLI show about a loaded model.
 *
 * @param kind         "tokenizer" or "prior"
 * @param id           identity of its weights, for a tokenizer of its codes (a prior names its tokenizer's id in
 *                     {@code tokenizerId})
 * @param specJson     the full spec, as saved in spec.json
 * @param card         the model card (markdown)
 * @param gridSize     side of the token grid
 * @param resolution   image side in pixels (tokenizers) or 0
 * @param parameters   number of parameters
 * @param classNames   for priors: the class names, index = class id (empty for tokenizers)
 * @param priorKind    for priors: AR or MaskGIT; null for tokenizers
 */
public record ModelInfo(String kind, String name, String id, String tokenizerId, Path path, String specJson,
                        String card, int gridSize, int codebookSize, int resolution, long parameters, long step,
                        java.util.List<String> classNames, PriorKind priorKind) {

    public ModelInfo {
        classNames = java.util.List.copyOf(classNames);
    }
}
