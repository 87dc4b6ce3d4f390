package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A reader for the reference fixtures' single-array {@code .npy} files: little-endian float32
 * ({@code <f4}) or int64 ({@code <i8}), C order. Anything else fails the test that reads it.
 */
public final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** A test resource under {@code /reference/}. */
    public static Path resource(String name) {
        try {
            return Path.of(Npy.class.getResource("/reference/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("no test resource /reference/" + name, e);
        }
    }

    /** The array in {@code file}, as FLOAT32 or INT64 in {@code m}. */
    public static NDArray read(Path file, NDManager m) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (b.get(0) != (byte) 0x93 || b.get(1) != 'N' || b.get(6) != 1) {
            throw new IOException(file + ": not a version 1 .npy file");
        }
        int headerLength = b.getShort(8) & 0xffff;
        String header = new String(b.array(), 10, headerLength, StandardCharsets.US_ASCII);
        if (!header.contains("'fortran_order': False")) {
            throw new IOException(file + ": Fortran order");
        }
        Matcher d = DESCR.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(file + ": header without descr or shape: " + header);
        }
        long[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        b.position(10 + headerLength);
        int n = (int) Arrays.stream(shape).reduce(1, (x, y) -> x * y);
        switch (d.group(1)) {
            case "<f4" -> {
                float[] v = new float[n];
                b.asFloatBuffer().get(v);
                return m.create(v, new Shape(shape));
            }
            case "<i8" -> {
                long[] v = new long[n];
                b.asLongBuffer().get(v);
                return m.create(v, new Shape(shape));
            }
            default -> throw new IOException(file + ": dtype " + d.group(1) + " is not read here");
        }
    }

    /** {@code reference/<name>} read into {@code m}. */
    public static NDArray fixture(String name, NDManager m) throws IOException {
        return read(resource(name), m);
    }
}
