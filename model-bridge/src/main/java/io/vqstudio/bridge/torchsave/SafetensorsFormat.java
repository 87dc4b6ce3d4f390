package io.vqstudio.bridge.torchsave;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * safetensors files, so the importers have one entry point: an 8-byte little-endian header
 * length, a JSON header {@code {name: {dtype, shape, data_offsets}, "__metadata__": {...}}}, then
 * the data. Each tensor is its own contiguous storage, mapped from the file. Read here rather than
 * through {@code io.SafeTensors}, which loads into NDArrays at once and reads only what we write.
 */
final class SafetensorsFormat {

    static final long MAX_HEADER = 100L << 20;

    private SafetensorsFormat() {}

    /** A dict of name to tensor, with the metadata strings under {@code __metadata__}. */
    static Map<Object, Object> read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        long n = ZipArchive.read(ch, 0, 8).getLong(0);
        if (n < 2 || n > size - 8 || n > MAX_HEADER) {
            throw new BadFile("has a safetensors header length of " + n + " in a file of " + size + " bytes");
        }
        byte[] json = new byte[(int) n];
        ZipArchive.read(ch, 8, (int) n).get(json);
        JsonObject header;
        try {
            header = JsonParser.parseString(new String(json, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new BadFile("has an unreadable safetensors header");
        }
        long dataStart = 8 + n, dataLength = size - dataStart;
        Map<Object, Object> root = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                root.put(name, metadata(e.getValue()));
                continue;
            }
            try {
                JsonObject t = e.getValue().getAsJsonObject();
                DType dtype = DType.ofSafetensors(t.get("dtype").getAsString())
                        .orElseThrow(() -> new BadFile("tensor '" + name + "' has dtype " + t.get("dtype") + ", which we do not read"));
                JsonArray dims = t.getAsJsonArray("shape"), offsets = t.getAsJsonArray("data_offsets");
                long[] shape = new long[dims.size()];
                long numel = 1;
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = dims.get(i).getAsLong();
                    if (shape[i] < 0) {
                        throw new BadFile("tensor '" + name + "' has a negative dimension");
                    }
                    numel = Math.multiplyExact(numel, shape[i]);
                }
                long begin = offsets.get(0).getAsLong(), end = offsets.get(1).getAsLong();
                if (offsets.size() != 2 || begin < 0 || end < begin || end > dataLength
                        || end - begin != Math.multiplyExact(numel, dtype.size())) {
                    throw new BadFile("tensor '" + name + "' has data offsets that do not fit its shape or the file");
                }
                if (end - begin > Integer.MAX_VALUE - 8) {
                    throw new BadFile("tensor '" + name + "' holds " + (end - begin) + " bytes; one tensor may hold at most 2 GB");
                }
                Storage s = new Storage(file, name, dtype, numel);
                s.attach(ch.map(FileChannel.MapMode.READ_ONLY, dataStart + begin, end - begin), ByteOrder.LITTLE_ENDIAN);
                root.put(name, new TensorRef("?", s, 0, shape, rowMajorStrides(shape)));
            } catch (RuntimeException bad) {
                throw bad instanceof BadFile b ? b : new BadFile("tensor '" + name + "' has an unreadable header entry");
            }
        }
        return root;
    }

    private static Map<Object, Object> metadata(JsonElement m) {
        Map<Object, Object> out = new LinkedHashMap<>();
        if (!m.isJsonObject()) {
            throw new BadFile("has __metadata__ that is not an object");
        }
        for (Map.Entry<String, JsonElement> e : m.getAsJsonObject().entrySet()) {
            out.put(e.getKey(), e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString());
        }
        return out;
    }

    static long[] rowMajorStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(shape[i], 1);
        }
        return strides;
    }
}
