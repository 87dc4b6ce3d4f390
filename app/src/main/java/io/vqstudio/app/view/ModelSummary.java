package io.vqstudio.app.view;

import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.api.TokenizerInfo;

/**
 * The few lines a model's card on the Models page shows: name, family (and whether it trains here),
 * grid, codebook size, parameters and where the weights came from (an imported model's file and project,
 * as its spec.json records them).
 */
final class ModelSummary {

    private ModelSummary() {}

    static String of(ModelInfo m) {
        if (m == null) {
            return "none open";
        }
        String grid = String.format("%dx%d tokens, K = %,d", m.gridSize(), m.gridSize(), m.codebookSize());
        if (!(m instanceof TokenizerInfo t)) {
            return String.format("%s%nid %s%n%s%n%,d parameters, step %d", m.name(), m.id(), grid, m.parameters(), m.step());
        }
        return String.format("%s%nfamily %s%s%n%s at %d px%n%,d parameters, step %d%nsource %s%nid %s", t.name(),
                t.family(), t.trainable() ? "" : " (imported: inference only)", grid, t.resolution(), t.parameters(),
                t.step(), source(t), t.id());
    }

    /** Where the weights came from: the imported file and its project, or who made them. */
    static String source(TokenizerInfo t) {
        if (!t.source().isEmpty()) {
            return t.source();
        }
        return t.trainable() ? "trained with VQ Studio" : "made here (no origin recorded)";
    }

}
