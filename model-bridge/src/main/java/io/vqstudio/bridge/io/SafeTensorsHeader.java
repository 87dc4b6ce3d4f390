package io.vqstudio.bridge.io;

import ai.djl.ndarray.types.DataType;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON header of a safetensors file, parsed and checked before any tensor is allocated, with
 * the rules of the reference implementation (huggingface/safetensors): UTF-8 JSON object of at most
 * {@link #MAX_LENGTH} bytes; {@code __metadata__} a map of strings; every tensor a known dtype, a
 * shape of non-negative sizes and two data offsets whose span is exactly shape x dtype bytes; the
 * spans, in offset order, tile the data section from its first byte to the file's last, with no
 * overlap, hole or trailing byte. Stricter than the reference in one point: a name given twice is
 * refused instead of the last one winning.
 *
 * @param tensors  in the order the header lists them
 * @param metadata the {@code __metadata__} strings (empty when none)
 */
record SafeTensorsHeader(List<Entry> tensors, Map<String, String> metadata) {

    /** The reference's limit on the header's length. */
    static final long MAX_LENGTH = 100_000_000;
    /** Tensors of higher rank are no weights of ours and no tensor libtorch takes everywhere. */
    static final int MAX_RANK = 8;
    private static final java.util.regex.Pattern WHERE = java.util.regex.Pattern.compile("line \\d+ column \\d+");

    /** One tensor: its name, dtype, shape and byte span [begin, end) in the data section. */
    record Entry(String name, DataType type, long[] shape, long begin, long end) {
        boolean isInt8() {
            return type == DataType.INT8;
        }
    }

    /**
     * Parses {@code json}, the header of {@code file}, whose data section (after the header) is
     * {@code dataLength} bytes long.
     *
     * @throws IOException naming the file and the tensor at fault
     */
    static SafeTensorsHeader parse(Path file, byte[] json, long dataLength) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(json)).toString();
        } catch (CharacterCodingException e) {
            throw bad(file, "its header is not UTF-8 text");
        }
        if (!text.startsWith("{")) {
            throw bad(file, "its header is not a JSON object");
        }
        List<Entry> tensors = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        try (JsonReader r = new JsonReader(new StringReader(text))) {
            r.setStrictness(Strictness.STRICT);
            r.beginObject();
            Set<String> seen = new HashSet<>();
            while (r.hasNext()) {
                String name = r.nextName();
                if (!seen.add(name)) {
                    throw bad(file, "its header names '" + name + "' twice");
                }
                if (name.equals("__metadata__")) {
                    readMetadata(file, r, metadata);
                } else {
                    tensors.add(readEntry(file, r, name, dataLength));
                }
            }
            r.endObject();
            if (r.peek() != JsonToken.END_DOCUMENT) { // a strict reader throws here already
                throw bad(file, "its header is not valid JSON (more after its object)");
            }
        } catch (IllegalStateException | NumberFormatException | com.google.gson.stream.MalformedJsonException
                 | java.io.EOFException e) {
            // Gson's message is advice to programmers over two lines; keep only where it stopped.
            java.util.regex.Matcher at = WHERE.matcher(String.valueOf(e.getMessage()));
            throw bad(file, "its header is not valid JSON" + (at.find() ? " (" + at.group() + ")" : ""));
        }
        requireTiled(file, tensors, dataLength);
        return new SafeTensorsHeader(tensors, metadata);
    }

    private static void readMetadata(Path file, JsonReader r, Map<String, String> into) throws IOException {
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            if (r.peek() != JsonToken.STRING) {
                throw bad(file, "its __metadata__ entry '" + key + "' is not a string");
            }
            if (into.put(key, r.nextString()) != null) {
                throw bad(file, "its __metadata__ names '" + key + "' twice");
            }
        }
        r.endObject();
    }

    private static Entry readEntry(Path file, JsonReader r, String name, long dataLength) throws IOException {
        String dtype = null;
        long[] shape = null, offsets = null;
        r.beginObject();
        while (r.hasNext()) {
            String key = r.nextName();
            switch (key) {
                case "dtype" -> {
                    if (dtype != null || r.peek() != JsonToken.STRING) {
                        throw bad(file, "tensor '" + name + "' has a dtype that is not one string");
                    }
                    dtype = r.nextString();
                }
                case "shape" -> shape = longs(file, r, name, key, shape);
                case "data_offsets" -> offsets = longs(file, r, name, key, offsets);
                default -> r.skipValue();
            }
        }
        r.endObject();
        if (dtype == null || shape == null || offsets == null) {
            throw bad(file, "tensor '" + name + "' lacks " + (dtype == null ? "a dtype" : shape == null ? "a shape" : "data_offsets"));
        }
        DataType type = switch (dtype) {
            case "F32" -> DataType.FLOAT32;
            case "F16" -> DataType.FLOAT16;
            case "I8" -> DataType.INT8;
            default -> throw bad(file, "tensor '" + name + "' has dtype " + dtype + ", which this reader does not take (F32, F16, I8)");
        };
        if (shape.length > MAX_RANK) {
            throw bad(file, "tensor '" + name + "' has " + shape.length + " dimensions; at most " + MAX_RANK);
        }
        if (offsets.length != 2) {
            throw bad(file, "tensor '" + name + "' has " + offsets.length + " data_offsets instead of 2");
        }
        long begin = offsets[0], end = offsets[1];
        if (end < begin) {
            throw bad(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] that run backwards");
        }
        if (end > dataLength) {
            throw new IOException(file + " is truncated: tensor '" + name + "' ends at byte " + end
                    + " of the data, which holds " + dataLength);
        }
        long bytes;
        try {
            long elements = 1;
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
            bytes = Math.multiplyExact(elements, (long) type.getNumOfBytes());
        } catch (ArithmeticException e) {
            bytes = Long.MAX_VALUE;
        }
        if (end - begin != bytes) {
            throw bad(file, "tensor '" + name + "' spans " + (end - begin) + " bytes, but its shape "
                    + java.util.Arrays.toString(shape) + " of " + dtype + " needs " + (bytes == Long.MAX_VALUE ? "more than 2^63" : bytes));
        }
        return new Entry(name, type, shape, begin, end);
    }

    /** A JSON array of non-negative integers; {@code before} non-null means the key came twice. */
    private static long[] longs(Path file, JsonReader r, String name, String key, long[] before) throws IOException {
        if (before != null || r.peek() != JsonToken.BEGIN_ARRAY) {
            throw bad(file, "tensor '" + name + "' has a " + key + " that is not one array of integers");
        }
        List<Long> values = new ArrayList<>();
        r.beginArray();
        while (r.hasNext()) {
            if (r.peek() != JsonToken.NUMBER || values.size() > MAX_RANK) {
                throw bad(file, "tensor '" + name + "' has a " + key + " that is not a short array of integers");
            }
            long v = r.nextLong(); // NumberFormatException for 1.5 or past a long: invalid JSON for us
            if (v < 0) {
                throw bad(file, "tensor '" + name + "' has a negative value (" + v + ") in its " + key);
            }
            values.add(v);
        }
        r.endArray();
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The spans, sorted by offset, must cover [0, dataLength) exactly once. */
    private static void requireTiled(Path file, List<Entry> tensors, long dataLength) throws IOException {
        List<Entry> sorted = new ArrayList<>(tensors);
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long next = 0;
        String previous = null;
        for (Entry e : sorted) {
            if (e.begin() < next) {
                throw bad(file, "tensor '" + e.name() + "' overlaps tensor '" + previous + "' (data_offsets " + e.begin()
                        + " < " + next + ")");
            }
            if (e.begin() > next) {
                throw bad(file, "bytes " + next + ".." + e.begin() + " of its data belong to no tensor (before '"
                        + e.name() + "')");
            }
            next = e.end();
            previous = e.name();
        }
        if (next != dataLength) {
            throw bad(file, "it has " + (dataLength - next) + " bytes after its last tensor");
        }
    }

    static IOException bad(Path file, String why) {
        return new IOException(file + " is not a valid safetensors file: " + why);
    }
}
