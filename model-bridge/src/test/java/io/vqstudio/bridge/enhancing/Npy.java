package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal .npy reader for the reference arrays: version 1, little-endian float32 or int64, C order. */
final class Npy {

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    private Npy() {}

    static NDArray read(Path file, NDManager m) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        if (buf.get(0) != (byte) 0x93 || buf.get(6) != 1) {
            throw new IOException(file + ": not a version-1 .npy file");
        }
        int headerLen = Short.toUnsignedInt(buf.getShort(8));
        String header = new String(buf.array(), 10, headerLen, StandardCharsets.US_ASCII);
        if (!header.contains("'fortran_order': False")) {
            throw new IOException(file + ": Fortran order");
        }
        Matcher d = DESCR.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !s.find()) {
            throw new IOException(file + ": header without descr or shape: " + header);
        }
        String[] dims = s.group(1).split(",");
        long[] shape = java.util.Arrays.stream(dims).map(String::trim).filter(x -> !x.isEmpty())
                .mapToLong(Long::parseLong).toArray();
        buf.position(10 + headerLen);
        ByteBuffer data = buf.slice().order(ByteOrder.LITTLE_ENDIAN);
        switch (d.group(1)) {
            case "<f4": {
                float[] v = new float[data.remaining() / 4];
                data.asFloatBuffer().get(v);
                return m.create(v, new Shape(shape));
            }
            case "<i8": {
                long[] v = new long[data.remaining() / 8];
                data.asLongBuffer().get(v);
                return m.create(v, new Shape(shape));
            }
            default:
                throw new IOException(file + ": dtype " + d.group(1) + " is neither <f4 nor <i8");
        }
    }
}
