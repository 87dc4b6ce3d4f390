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
 * Python with {@code safetensors.torch.load_file}. Stores F32, F16, or F16 with the large matrices
 * in int8 (see {@link Storage#INT8}); always loads as F32.
 */
public final class SafeTensors {

    private static final Gson GSON = new Gson();

    /** The scale tensor of an int8 matrix {@code name} is stored as {@code name + SCALE}: one F16 per row. */
    static final String SCALE = ".int8_scale";
    /** Matrices from this many weights up are int8 under {@link Storage#INT8}: a prior's code embedding and head. */
    static final long INT8_MIN_SIZE = 1 << 20;

    private SafeTensors() {}

    /** How a file stores its weights. */
    public enum Storage {
        F32,
        F16,
        /**
         * F16, except 2-D tensors of at least 2^20 weights: int8 rows with an F16 absmax scale per row
         * (the weight is {@code int8 * scale / 127}); halves what a codebook of 8192 costs a prior.
         */
        INT8
    }

    /** Writes {@code tensors} (any float type) stored as {@code storage}; metadata strings go in the header. */
    public static void write(Path file, Map<String, NDArray> tensors, Map<String, String> metadata, Storage storage)
            throws IOException {
        JsonObject header = new JsonObject();
        if (!metadata.isEmpty()) {
            header.add("__metadata__", GSON.toJsonTree(metadata));
        }
        Map<String, byte[]> data = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : tensors.entrySet()) {
            NDArray a = e.getValue();
            if (storage == Storage.INT8 && a.getShape().dimension() == 2 && a.size() >= INT8_MIN_SIZE) {
                putInt8(header, data, e.getKey(), a);
                continue;
            }
            boolean half = storage != Storage.F32;
            try (NDArray cast = a.toType(half ? DataType.FLOAT16 : DataType.FLOAT32, true)) {
                // native order; x86 and arm64 are little-endian
                put(header, data, e.getKey(), half ? "F16" : "F32", a.getShape(), cast.toByteArray());
            }
        }
        long offset = 0;
        for (Map.Entry<String, byte[]> d : data.entrySet()) {
            long end = offset + d.getValue().length;
            header.getAsJsonObject(d.getKey()).add("data_offsets", GSON.toJsonTree(new long[] {offset, end}));
            offset = end;
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

    /** {@code a} (rows, cols) as int8 rows scaled by their absmax, plus the F16 scales (rows). */
    private static void putInt8(JsonObject header, Map<String, byte[]> data, String name, NDArray a) {
        try (NDManager m = a.getManager().newSubManager()) {
            NDArray w = a.toType(DataType.FLOAT32, true);
            w.attach(m);
            // 2^-14, the smallest normal F16: the scale survives being stored (an all-zero row stays zero).
            NDArray stored = w.abs().max(new int[] {1}, true).maximum(0x1p-14f)              // (rows, 1)
                    .toType(DataType.FLOAT16, false);
            NDArray q = w.div(stored.toType(DataType.FLOAT32, false))                          // scaled as stored
                    .mul(127).round().clip(-127, 127).toType(DataType.INT8, false);
            put(header, data, name, "I8", a.getShape(), q.toByteArray());
            put(header, data, name + SCALE, "F16", new Shape(a.getShape().get(0)), stored.toByteArray());
        }
    }

    private static void put(JsonObject header, Map<String, byte[]> data, String name, String dtype, Shape shape,
                            byte[] bytes) {
        JsonObject entry = new JsonObject(); // data_offsets are added by write, once every tensor is in
        entry.addProperty("dtype", dtype);
        entry.add("shape", GSON.toJsonTree(shape.getShape()));
        header.add(name, entry);
        data.put(name, bytes);
    }

    /** The tensors of a file, as F32 arrays owned by {@code m}, in file order (int8 ones dequantized). */
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
                case "I8" -> DataType.INT8;
                default -> throw new IOException(file + ": unsupported dtype " + dtype + " for " + e.getKey());
            };
            ByteBuffer slice = ByteBuffer.allocateDirect((int) (off[1] - off[0])).order(ByteOrder.nativeOrder());
            slice.put(all, base + (int) off[0], (int) (off[1] - off[0])).rewind();
            NDArray a = m.create(slice, new Shape(shape), type);
            out.put(e.getKey(), type == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false));
        }
        for (String name : java.util.List.copyOf(out.keySet())) {
            if (header.getAsJsonObject(name).get("dtype").getAsString().equals("I8")) {
                NDArray scale = out.remove(name + SCALE);
                if (scale == null) {
                    throw new IOException(file + ": int8 tensor " + name + " has no " + name + SCALE);
                }
                out.put(name, out.get(name).mul(scale.reshape(-1, 1)).div(127));     // (rows, cols)
            }
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
