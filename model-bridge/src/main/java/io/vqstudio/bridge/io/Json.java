package io.vqstudio.bridge.io;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's one JSON configuration (records, pretty printing, NaN allowed in metrics). */
public final class Json {

    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    /** One-line output for JSONL and {@code --json}. */
    public static final Gson COMPACT = new GsonBuilder().serializeSpecialFloatingPointValues().create();

    private Json() {}

    public static void write(Path file, Object value) throws IOException {
        Files.writeString(file, GSON.toJson(value) + "\n");
    }

    public static <T> T read(Path file, Class<T> type) throws IOException {
        try {
            T value = GSON.fromJson(Files.readString(file), type);
            if (value == null) {
                throw new IOException(file + " is empty");
            }
            return value;
        } catch (com.google.gson.JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
