package io.vqstudio.app.view;

import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import java.util.Locale;

/**
 * The few lines a model's card on the Models page shows: name, family (and whether it trains here),
 * size, grid, codebook size and where the weights came from (an imported model's file and project,
 * as its spec.json records them); for a prior also its classes and the tokenizer whose codes it models.
 */
final class ModelSummary {

    private ModelSummary() {}

    /** {@code active} is the open tokenizer (may be null), named when a prior belongs to it. */
    static String of(ModelInfo m, TokenizerInfo active) {
        if (m == null) {
            return "none open";
        }
        String grid = String.format("%dx%d tokens, K = %,d", m.gridSize(), m.gridSize(), m.codebookSize());
        String size = size(m.parameters()) + " parameters" + (m.step() > 0 ? ", step " + m.step() : "");
        if (m instanceof PriorInfo p) {
            boolean ours = "transformer".equals(p.family());
            String source = !p.source().isEmpty() ? p.source() : ours ? "trained with VQ Studio" : "made here (no origin recorded)";
            return String.join("\n", p.name(), "family " + PriorKinds.title(p) + (ours ? "" : " (imported: inference only)"),
                    size, grid + classes(p), "tokenizer " + tokenizer(p, active), "source " + source, "id " + p.id());
        }
        TokenizerInfo t = (TokenizerInfo) m;
        return String.join("\n", t.name(),
                "family " + t.family() + (t.trainable() ? "" : " (imported: inference only)"),
                grid + " at " + t.resolution() + " px", size, "source " + source(t), "id " + t.id());
    }

    /** A parameter count as people say it: 1,234, 111.3 M, 1.41 B. */
    static String size(long parameters) {
        if (parameters < 1_000_000) {
            return String.format(Locale.ROOT, "%,d", parameters);
        }
        return parameters < 1_000_000_000 ? String.format(Locale.ROOT, "%.1f M", parameters / 1e6)
                : String.format(Locale.ROOT, "%.2f B", parameters / 1e9);
    }

    private static String classes(PriorInfo p) {
        int n = p.classNames().size();
        if (n == 0) {
            return ", unconditional";
        }
        return String.format(Locale.ROOT, ", %,d classes", n) + (p.nullClass() ? " (and unconditional, guidance)"
                : " (always a class: no unconditional samples, no guidance)");
    }

    /** The tokenizer a prior models the codes of: by name when it is the open one. */
    private static String tokenizer(PriorInfo p, TokenizerInfo active) {
        return active != null && active.id().equals(p.tokenizerId()) ? active.name() + " (" + p.tokenizerId() + ")"
                : p.tokenizerId() + " (not open)";
    }

    /** Where the weights came from: the imported file and its project, or who made them. */
    static String source(TokenizerInfo t) {
        if (!t.source().isEmpty()) {
            return t.source();
        }
        return t.trainable() ? "trained with VQ Studio" : "made here (no origin recorded)";
    }
}
