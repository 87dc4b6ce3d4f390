package io.vqstudio.app.service;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.PriorKind;

/** Which of the two priors a prior checkpoint holds, and how the studio names it and its family. */
public final class PriorKinds {

    private PriorKinds() {}

    /** The kind of a prior checkpoint. */
    public static PriorKind of(PriorInfo info) {
        return info.priorKind();
    }

    /** "VIM (AR)" or "MaskGIT", for labels. */
    public static String label(PriorKind kind) {
        return kind == PriorKind.AR ? "VIM (AR)" : "MaskGIT";
    }

    /**
     * A prior's family as people call it: ours by its kind ("VIM (AR)", "MaskGIT"), LlamaGen's
     * class-conditional GPT ("LlamaGen GPT"), taming-transformers' ("taming transformer"); another
     * family by its spec name.
     */
    public static String title(PriorInfo info) {
        return switch (info.family()) {
            case "transformer" -> label(info.priorKind());
            case "llamagen-gpt" -> "LlamaGen GPT";
            case "taming-gpt" -> "taming transformer";
            default -> info.family();
        };
    }
}
