package io.vqstudio.bridge.io;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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

    /**
     * The tensors of a file, as F32 arrays owned by {@code m}, in file order (int8 ones dequantized).
     * The header is checked in full before anything is allocated (see {@link SafeTensorsHeader}), and
     * every tensor is refused if it holds a NaN or an infinity: weights like that load and run, and
     * give a flat grey image or NaN losses far from the file that caused them.
     *
     * @throws IOException naming the file, and the tensor at fault
     */
    public static Map<String, NDArray> read(Path file, NDManager m) throws IOException {
        if (Files.size(file) > Integer.MAX_VALUE - 8) { // read whole into one byte[]
            throw new IOException(file + " is over 2 GiB, more than this reader takes");
        }
        byte[] all = Files.readAllBytes(file);
        long headerLen = headerLength(file, all.length, all.length >= 8 ? ByteBuffer.wrap(all, 0, 8) : null);
        int base = 8 + (int) headerLen;
        SafeTensorsHeader header = SafeTensorsHeader.parse(file, Arrays.copyOfRange(all, 8, base), all.length - base);
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (SafeTensorsHeader.Entry e : header.tensors()) {
            int bytes = (int) (e.end() - e.begin());                                    // checked: inside the file
            ByteBuffer slice = ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
            slice.put(all, base + (int) e.begin(), bytes).rewind();
            NDArray a = m.create(slice, new Shape(e.shape()), e.type());
            out.put(e.name(), e.type() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false));
        }
        for (SafeTensorsHeader.Entry e : header.tensors()) {
            if (e.isInt8()) {
                out.put(e.name(), dequantize(file, e.name(), out.get(e.name()), out.remove(e.name() + SCALE)));
            }
        }
        for (Map.Entry<String, NDArray> e : out.entrySet()) {
            requireFinite(file, e.getKey(), e.getValue());
        }
        return out;
    }

    /** An int8 matrix (rows, cols) times its per-row scale (rows) / 127. */
    private static NDArray dequantize(Path file, String name, NDArray q, NDArray scale) throws IOException {
        Shape s = q.getShape();
        if (scale == null || s.dimension() != 2 || !scale.getShape().equals(new Shape(s.get(0)))) {
            throw SafeTensorsHeader.bad(file, "int8 tensor '" + name + "' needs a 2-D shape and a scale " + name + SCALE
                    + " of one value per row");
        }
        return q.mul(scale.reshape(-1, 1)).div(127);                                   // (rows, cols)
    }

    /** One reduction on the engine: the largest magnitude is NaN if any value is, infinite if any is. */
    private static void requireFinite(Path file, String name, NDArray a) throws IOException {
        if (a.size() == 0) {
            return;
        }
        float peak;
        try (NDArray abs = a.abs(); NDArray max = abs.max()) {
            peak = max.getFloat();
        }
        if (!Float.isFinite(peak)) {
            throw new IOException(file + ": tensor '" + name + "' holds " + (Float.isNaN(peak) ? "NaN" : "an infinite value"));
        }
    }

    /** The header length from the first 8 bytes, checked against the file's {@code size}. */
    private static long headerLength(Path file, long size, ByteBuffer first8) throws IOException {
        if (first8 == null) {
            throw new IOException(file + " is truncated: not a safetensors file");
        }
        long n = first8.order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (n < 2 || n > SafeTensorsHeader.MAX_LENGTH) {
            throw SafeTensorsHeader.bad(file, "its header length " + Long.toUnsignedString(n) + " is outside 2.."
                    + SafeTensorsHeader.MAX_LENGTH);
        }
        if (n > size - 8) {
            throw new IOException(file + " is truncated: its header of " + n + " bytes runs past the end of the file");
        }
        return n;
    }

    /** The header's metadata strings (empty when none), read and checked without reading the tensors. */
    public static Map<String, String> metadata(Path file) throws IOException {
        long size = Files.size(file);
        try (var in = Files.newInputStream(file)) {
            byte[] len = in.readNBytes(8);
            long n = headerLength(file, size, len.length == 8 ? ByteBuffer.wrap(len) : null);
            byte[] json = in.readNBytes((int) n);
            return SafeTensorsHeader.parse(file, json, size - 8 - n).metadata();
        }
    }
}
