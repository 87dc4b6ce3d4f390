package io.vqstudio.bridge.io;

import com.google.gson.GsonBuilder;
import java.util.ServiceLoader;

/**
 * Adapters that layers above this package add to the project's JSON ({@link Json}): found with
 * {@link ServiceLoader} ({@code META-INF/services}) when {@link Json} starts, so that the model
 * families, which sit above {@code io}, can say how their specs are written and read without
 * {@code io} importing them.
 */
public interface JsonTypes {

    void register(GsonBuilder builder);

    /** {@code b} with every registered {@link JsonTypes}' adapters. */
    static GsonBuilder all(GsonBuilder b) {
        for (JsonTypes t : ServiceLoader.load(JsonTypes.class, JsonTypes.class.getClassLoader())) {
            t.register(b);
        }
        return b;
    }
}
