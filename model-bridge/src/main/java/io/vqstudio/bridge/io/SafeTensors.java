package io.vqstudio.bridge.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads and writes the safetensors format (an 8-byte little-endian header length, a JSON header of
 * {name: {dtype, shape, data_offsets}}, then raw little-endian data), so our weights open in
 * Python with {@code safetensors.torch.load_file}. Stores F32 or F16; always loads as F32.
 */
public final class SafeTensors {

    private static final Gson GSON = new Gson();

    private SafeTensors() {}

    /** Writes {@code tensors} (any float type) as F32, or F16 when {@code half}; metadata strings go in the header. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata, boolean half)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            header.add("__metadata__", GSON.toJsonTree(metadata));
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            try (NDArray cast = a.toType(half ? DataType.FLOAT16 : DataType.FLOAT32, true)) {
                byte[] bytes = cast.toByteArray(); // native order; x86 and arm64 are little-endian
                JsonObject entry = new JsonObject();
                entry.addProperty("dtype", half ? "F16" : "F32");
                entry.add("shape", GSON.toJsonTree(a.getShape().getShape()));
                entry.add("data_offsets", GSON.toJsonTree(new long[] {offset, offset + bytes.length}));
                header.add(e.getKey(), entry);
                data.put(e.getKey(), bytes);
                offset += bytes.length;
            }
        }
        byte[] json = GSON.toJson(header).getBytes(StandardCharsets.UTF_8);
        int pad = (8 - json.length % 8) % 8; // the format aligns the data start to 8 bytes with spaces
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length + pad).array());
            out.write(json);
            out.write(" ".repeat(pad).getBytes(StandardCharsets.US_ASCII));
            for (byte[] b : data.values()) {
                out.write(b);
            }
        }
    }

    /** The tensors of a file, as F32 arrays owned by {@code m}, in file order. */
    public static Map<String, NDArray> read(Path file, NDManager m) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer buf = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        if (all.length < 8) {
            throw new IOException(file + " is truncated: not a safetensors file");
        }
        long headerLen = buf.getLong();
        if (headerLen <= 0 || headerLen > all.length - 8) {
            throw new IOException(file + " is truncated or not a safetensors file (header length " + headerLen + ")");
        }
        JsonObject header;
        try {
            header = GSON.fromJson(new String(all, 8, (int) headerLen, StandardCharsets.UTF_8), JsonObject.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " has a corrupt header: " + e.getMessage(), e);
        }
        int base = 8 + (int) headerLen;
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : header.entrySet()) {
            if (e.getKey().equals("__metadata__")) {
                continue;
            }
            JsonObject t = e.getValue().getAsJsonObject();
            String dtype = t.get("dtype").getAsString();
            long[] shape = GSON.fromJson(t.get("shape"), long[].class);
            long[] off = GSON.fromJson(t.get("data_offsets"), long[].class);
            if (base + off[1] > all.length) {
                throw new IOException(file + " is truncated: tensor " + e.getKey() + " ends past the end of the file");
            }
            DataType type = switch (dtype) {
                case "F32" -> DataType.FLOAT32;
                case "F16" -> DataType.FLOAT16;
                default -> throw new IOException(file + ": unsupported dtype " + dtype + " for " + e.getKey());
            };
            ByteBuffer slice = ByteBuffer.allocateDirect((int) (off[1] - off[0])).order(ByteOrder.nativeOrder());
            slice.put(all, base + (int) off[0], (int) (off[1] - off[0])).rewind();
            NDArray a = m.create(slice, new Shape(shape), type);
            out.put(e.getKey(), type == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false));
        }
        return out;
    }

    /** The header's metadata strings (empty when none). */
    public static Map<String, String> metadata(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            byte[] len = in.readNBytes(8);
            if (len.length < 8) {
                throw new IOException(file + " is truncated: not a safetensors file");
            }
            long n = ByteBuffer.wrap(len).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (n <= 0 || n > 100_000_000) {
                throw new IOException(file + " is not a safetensors file");
            }
            JsonObject header = GSON.fromJson(new String(in.readNBytes((int) n), StandardCharsets.UTF_8), JsonObject.class);
            Map<String, String> meta = new LinkedHashMap<>();
            if (header != null && header.has("__metadata__")) {
                header.getAsJsonObject("__metadata__").entrySet().forEach(e -> meta.put(e.getKey(), e.getValue().getAsString()));
            }
            return meta;
        }
    }
}
