package io.vqstudio.app.service;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.PriorKind;
import java.util.Locale;

/** Which of the two priors a prior checkpoint holds, and how the studio names it. */
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
}
