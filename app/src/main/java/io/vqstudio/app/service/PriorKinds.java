package io.vqstudio.app.service;

import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.PriorKind;
import java.util.Locale;

/** Which of the two priors a prior checkpoint holds, and how the studio names it. */
public final class PriorKinds {

    private PriorKinds() {}

    /** The kind of a prior checkpoint (AR when the info is not a prior's). */
    public static PriorKind of(ModelInfo info) {
        return info.priorKind() != null ? info.priorKind() : PriorKind.AR;
    }

    /** "VIM (AR)" or "MaskGIT", for labels. */
    public static String label(PriorKind kind) {
        return kind == PriorKind.AR ? "VIM (AR)" : "MaskGIT";
    }
}
