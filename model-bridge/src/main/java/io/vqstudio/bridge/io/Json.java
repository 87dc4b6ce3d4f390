package io.vqstudio.bridge.io;

import io.vqstudio.bridge.core.MalformedFileException;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The project's one JSON configuration: records, paths as strings, pretty printing. Files we write
 * for ourselves (metrics, specs) keep NaN as NaN, which our lenient reader reads back; what we hand
 * to other programs ({@link #output}: {@code --json}, result files) is strict JSON, with null for
 * a number that is not finite.
 */
public final class Json {

    public static final Gson GSON = base().setPrettyPrinting().create();
    /** One-line output for JSONL. */
    public static final Gson COMPACT = base().create();
    /** Trees for output: nulls kept (a field that is absent reads as a field we forgot). */
    private static final Gson TREE = base().serializeNulls().create();
    private static final Gson STRICT_PRETTY = new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create();
    private static final Gson STRICT_COMPACT = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private Json() {}

    private static GsonBuilder base() {
        return JsonTypes.all(paths(new GsonBuilder())).serializeSpecialFloatingPointValues();
    }

    private static GsonBuilder paths(GsonBuilder b) {
        return b.registerTypeHierarchyAdapter(Path.class, new TypeAdapter<Path>() {
            @Override
            public void write(JsonWriter out, Path p) throws IOException {
                if (p == null) {
                    out.nullValue();
                } else {
                    out.value(p.toString());
                }
            }

            @Override
            public Path read(JsonReader in) throws IOException {
                if (in.peek() == com.google.gson.stream.JsonToken.NULL) {
                    in.nextNull();
                    return null;
                }
                return Path.of(in.nextString());
            }
        });
    }

    /** {@code value} as strict, pretty JSON for another program: NaN and infinities become null. */
    public static String output(Object value) {
        return STRICT_PRETTY.toJson(finite(TREE.toJsonTree(value)));
    }

    /** {@code value} as strict JSON on one line (NaN and infinities as null). */
    public static String outputLine(Object value) {
        return STRICT_COMPACT.toJson(finite(TREE.toJsonTree(value)));
    }

    /** The tree of {@code value}, for adding fields to a result before {@link #output}. */
    public static JsonObject tree(Object value) {
        return TREE.toJsonTree(value).getAsJsonObject();
    }

    /** A copy of {@code e} with every non-finite number replaced by null. */
    static JsonElement finite(JsonElement e) {
        if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
            double d = e.getAsDouble();
            return Double.isFinite(d) ? e : JsonNull.INSTANCE;
        }
        if (e.isJsonArray()) {
            JsonArray a = new JsonArray();
            e.getAsJsonArray().forEach(x -> a.add(finite(x)));
            return a;
        }
        if (e.isJsonObject()) {
            JsonObject o = new JsonObject();
            for (Map.Entry<String, JsonElement> m : e.getAsJsonObject().entrySet()) {
                o.add(m.getKey(), finite(m.getValue()));
            }
            return o;
        }
        return e;
    }

    public static void write(Path file, Object value) throws IOException {
        Files.writeString(file, GSON.toJson(value) + "\n");
    }

    /**
     * Reads {@code file} as {@code type}; any failure, including one a record's own checks raise,
     * names the file.
     */
    public static <T> T read(Path file, Class<T> type) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text, so it is not JSON", e);
        }
        T value;
        try {
            value = GSON.fromJson(text, type);
        } catch (com.google.gson.JsonParseException e) {
            if (e.getCause() instanceof IOException syntax) { // not JSON at all: Gson's reader says where
                String where = syntax.getMessage() == null ? "" : syntax.getMessage().lines().findFirst().orElse("");
                throw new IOException(file + " is not valid JSON: " + where, e);
            }
            throw MalformedFileException.of(file, e);
        } catch (RuntimeException e) {
            throw MalformedFileException.of(file, e);
        }
        if (value == null) {
            throw new IOException(file + " is empty");
        }
        return value;
    }
}
