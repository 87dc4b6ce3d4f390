package io.vqstudio.bridge.io;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import java.io.IOException;

/**
 * Reads a model spec out of spec.json so that a bad field comes back as one line naming it. Gson
 * builds records through their canonical constructors, which check their fields; a failure there
 * reaches the caller wrapped ("Failed to invoke constructor 'ViTSize(int, int, int, int)' with
 * args [...]") and without the record's place in the file. Each record is read here through a
 * wrapper that knows that place and turns the constructor's {@link SpecException} into
 * {@code "encoder.layers = 1000000000 is out of range (1..256)"}.
 */
public final class SpecJson {

    private static final Gson GSON = Json.GSON.newBuilder().registerTypeAdapterFactory(new Locating()).create();

    private SpecJson() {}

    /**
     * The spec in {@code json}.
     *
     * @throws SpecException naming the field when the JSON does not describe a valid {@code type}
     */
    public static <T> T read(JsonElement json, Class<T> type) {
        try {
            T value = GSON.fromJson(json, type);
            if (value == null) {
                throw new SpecException("spec", "is empty");
            }
            return value;
        } catch (SpecException e) {
            throw e;
        } catch (RuntimeException e) {
            // A wrong JSON type ("Expected an int but was STRING at path $.encoder.layers"): Gson's
            // innermost message already names the path.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new SpecException("spec", "is not valid: " + (root.getMessage() == null
                    ? root.getClass().getSimpleName() : root.getMessage()));
        }
    }

    /** Wraps every record's adapter to place the constructor's complaint at the record's JSON path. */
    private static final class Locating implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            if (!type.getRawType().isRecord()) {
                return null;
            }
            TypeAdapter<T> delegate = gson.getDelegateAdapter(this, type);
            return new TypeAdapter<>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    delegate.write(out, value);
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    String path = in.getPath(); // before reading: the record's own place, e.g. $.encoder
                    try {
                        return delegate.read(in);
                    } catch (JsonParseException e) {
                        // A value of the wrong JSON type; the reader still stands at it.
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        throw SpecException.located(in.getPath(), "is not a valid value (" + cause.getMessage() + ")");
                    } catch (SpecException e) {
                        throw e.at(path);
                    } catch (RuntimeException e) {
                        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                            if (t instanceof SpecException s) {
                                throw s.at(path);
                            }
                        }
                        throw e;
                    }
                }
            };
        }
    }
}
