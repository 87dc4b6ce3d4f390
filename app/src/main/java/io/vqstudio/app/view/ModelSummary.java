package io.vqstudio.app.view;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import java.util.List;
import java.util.Map;

/**
 * The few lines a model's card on the Models page shows: name, family (and whether it trains here),
 * grid, codebook size, parameters and where the weights came from. The origin of an imported model is
 * the {@code origin} object its spec.json carries (the source project and file); a model without one
 * was made here.
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

    /** "FILE (PROJECT)" from the spec's origin, or who made it when there is none. */
    static String source(TokenizerInfo t) {
        JsonObject origin = origin(t.specJson());
        if (origin == null) {
            return t.trainable() ? "trained with VQ Studio" : "made here (no origin recorded)";
        }
        String file = first(origin, List.of("file", "fileName", "name"));
        String project = first(origin, List.of("project", "source"));
        if (file == null) {
            return project == null ? "imported" : project;
        }
        return project == null ? file : file + " (" + project + ")";
    }

    /** The first {@code origin} object in the spec, at any depth, or null. */
    private static JsonObject origin(String specJson) {
        try {
            return find(JsonParser.parseString(specJson), 0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static JsonObject find(JsonElement e, int depth) {
        if (!e.isJsonObject() || depth > 4) {
            return null;
        }
        for (Map.Entry<String, JsonElement> f : e.getAsJsonObject().entrySet()) {
            if (f.getKey().equals("origin") && f.getValue().isJsonObject()) {
                return f.getValue().getAsJsonObject();
            }
            JsonObject deeper = find(f.getValue(), depth + 1);
            if (deeper != null) {
                return deeper;
            }
        }
        return null;
    }

    private static String first(JsonObject o, List<String> keys) {
        for (String k : keys) {
            if (o.has(k) && o.get(k).isJsonPrimitive()) {
                return o.get(k).getAsString();
            }
        }
        return null;
    }
}
