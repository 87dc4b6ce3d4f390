package io.vqstudio.bridge.family;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;
import io.vqstudio.bridge.io.JsonTypes;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.io.IOException;
import java.util.Map;

/**
 * How specs are written to and read from JSON (spec.json, train.json): a registered spec record is
 * written with its {@code family} first, then its own fields; a field or value typed by an interface
 * ({@link TokenizerSpec}, {@code TrainableTokenizerSpec}) is read as the record its {@code family}
 * names. A spec written before families had names carries {@code architecture}
 * ({@code VIT_VQGAN}, {@code CNN_VQGAN}, {@code VQVAE}) instead, and fields of the same names, so it
 * reads as that family's record unchanged. Registered with {@link JsonTypes} through
 * {@code META-INF/services}.
 */
public final class FamilyJson implements JsonTypes, TypeAdapterFactory {

    @Override
    public void register(GsonBuilder builder) {
        builder.registerTypeAdapterFactory(this);
    }

    @Override
    public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
        Class<? super T> raw = type.getRawType();
        if (raw.isInterface() && TokenizerSpec.class.isAssignableFrom(raw)) {
            return byFamily(gson, raw);
        }
        String family = Families.familyOf(raw);
        return family == null ? null : withFamily(gson.getDelegateAdapter(this, type), gson, family);
    }

    /** A record's own adapter, with {@code family} written in front; read as it is (the record is known). */
    private static <T> TypeAdapter<T> withFamily(TypeAdapter<T> own, Gson gson, String family) {
        TypeAdapter<JsonElement> trees = gson.getAdapter(JsonElement.class);
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null) {
                    out.nullValue();
                    return;
                }
                JsonObject o = new JsonObject();
                o.addProperty("family", family);
                for (Map.Entry<String, JsonElement> e : own.toJsonTree(value).getAsJsonObject().entrySet()) {
                    o.add(e.getKey(), e.getValue());
                }
                trees.write(out, o);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                return own.read(in);
            }
        };
    }

    /** For an interface: the record its {@code family} (or old {@code architecture}) names, which must be of {@code wanted}. */
    private static <T> TypeAdapter<T> byFamily(Gson gson, Class<? super T> wanted) {
        TypeAdapter<JsonElement> trees = gson.getAdapter(JsonElement.class);
        return new TypeAdapter<>() {
            @Override
            public void write(JsonWriter out, T value) throws IOException {
                if (value == null) {
                    out.nullValue();
                    return;
                }
                @SuppressWarnings("unchecked")
                TypeAdapter<T> actual = (TypeAdapter<T>) gson.getAdapter(value.getClass());
                actual.write(out, value);
            }

            @Override
            public T read(JsonReader in) throws IOException {
                JsonElement tree = trees.read(in);
                if (tree == null || tree.isJsonNull()) {
                    return null;
                }
                if (!tree.isJsonObject()) {
                    throw new SpecException("spec", "is not a JSON object");
                }
                JsonObject o = tree.getAsJsonObject();
                TokenizerFamily<?> family = Families.tokenizer(familyName(o));
                if (!wanted.isAssignableFrom(family.specType())) {
                    throw new SpecException("family", "= '" + family.name() + "' (" + family.title() + ") is imported from"
                            + " another project; only the families trained here can be trained or fine-tuned");
                }
                @SuppressWarnings("unchecked")
                T value = (T) gson.getAdapter(family.specType()).fromJsonTree(o);
                return value;
            }
        };
    }

    private static String familyName(JsonObject o) {
        JsonElement f = o.get("family");
        if (f != null && f.isJsonPrimitive()) {
            return f.getAsString();
        }
        JsonElement a = o.get("architecture");
        if (f == null && a != null) {
            String family = a.isJsonPrimitive() ? Families.byArchitecture(a.getAsString()) : null;
            if (family == null) {
                throw new SpecException("architecture", "is missing or not one of VIT_VQGAN, CNN_VQGAN, VQVAE");
            }
            return family;
        }
        return null; // Families.tokenizer names the field
    }
}
