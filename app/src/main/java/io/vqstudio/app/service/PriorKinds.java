package io.vqstudio.app.service;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.api.PriorKind;
import java.util.Locale;
import java.util.Map;

/** Which of the two priors a prior checkpoint holds, read from its saved spec. */
public final class PriorKinds {

    private PriorKinds() {}

    /**
     * The kind named in the spec (any top-level string field equal to AR or MASKGIT, ignoring case),
     * else guessed from the model's name: MaskGIT when it says so, AR otherwise.
     */
    public static PriorKind of(ModelInfo info) {
        try {
            JsonElement spec = JsonParser.parseString(info.specJson());
            if (spec.isJsonObject()) {
                for (Map.Entry<String, JsonElement> e : ((JsonObject) spec).entrySet()) {
                    if (e.getValue().isJsonPrimitive() && e.getValue().getAsJsonPrimitive().isString()) {
                        String v = e.getValue().getAsString().toUpperCase(Locale.ROOT);
                        for (PriorKind k : PriorKind.values()) {
                            if (k.name().equals(v)) {
                                return k;
                            }
                        }
                    }
                }
            }
        } catch (RuntimeException e) {
            // Not JSON: fall back to the name.
        }
        String name = info.name() == null ? "" : info.name().toLowerCase(Locale.ROOT);
        return name.contains("maskgit") ? PriorKind.MASKGIT : PriorKind.AR;
    }

    /** "VIM (AR)" or "MaskGIT", for labels. */
    public static String label(PriorKind kind) {
        return kind == PriorKind.AR ? "VIM (AR)" : "MaskGIT";
    }
}
