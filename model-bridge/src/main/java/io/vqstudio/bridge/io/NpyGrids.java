package io.vqstudio.bridge.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads token grids from a NumPy {@code .npy} file: little-endian integers of shape (N, g, g), or
 * (g, g) for one grid, in C or Fortran order (numpy writes {@code fortran_order: True} for a
 * transposed array; its elements are read in that order, so the grids come out as numpy shows them).
 * The file is hostile until checked: its header is parsed as data (never evaluated), its shape must
 * match the bytes that follow before anything is allocated, and every refusal is one line naming the file.
 */
final class NpyGrids {

    /** Largest grid side accepted (a 4096x4096 grid already has 16M cells). */
    static final int MAX_SIDE = 4096;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern DTYPE = Pattern.compile("([<>|=])([iu])([1248])");

    private NpyGrids() {}

    /** The grids as g*g codes each, in raster order; codes are checked by the caller. */
    record Grids(int side, List<long[]> codes) {}

    static Grids read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            ByteBuffer pre = readAt(ch, 0, (int) Math.min(size, 12));
            byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
            for (int i = 0; i < magic.length; i++) {
                if (pre.limit() < 10 || pre.get(i) != magic[i]) {
                    throw new IOException(file + " is not a .npy file (no \\x93NUMPY magic)");
                }
            }
            int major = pre.get(6);
            if (major < 1 || major > 3 || major > 1 && pre.limit() < 12) {
                throw new IOException(file + ": unknown .npy format version " + major);
            }
            long headerLen = major == 1 ? pre.getShort(8) & 0xFFFF : pre.getInt(8) & 0xFFFFFFFFL;
            long dataStart = (major == 1 ? 10 : 12) + headerLen;
            if (dataStart > size || headerLen > 1 << 20) {
                throw new IOException(file + " is truncated: its header runs past the end of the file");
            }
            ByteBuffer hb = readAt(ch, major == 1 ? 10 : 12, (int) headerLen);
            String header = new String(hb.array(), 0, hb.limit(),
                    major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).trim();
            Layout layout = layout(file, header);
            long expected = layout.bytes();
            if (size - dataStart < expected) {
                throw new IOException(file + " is truncated: its header promises " + layout.describe() + " ("
                        + expected + " bytes), the file holds " + (size - dataStart));
            }
            if (size - dataStart > expected) {
                throw new IOException(file + " has " + (size - dataStart - expected) + " bytes after its "
                        + layout.describe() + "; not a plain .npy array");
            }
            if (expected > Integer.MAX_VALUE - 16) {
                throw new IOException(file + " is too large: " + layout.describe());
            }
            return layout.grids(readAt(ch, dataStart, (int) expected));
        }
    }

    /** Shape, element type and order, from the header's Python dict literal (parsed, never evaluated). */
    private record Layout(int count, int side, int itemBytes, boolean unsigned, boolean fortran, String descr) {

        long bytes() {
            return (long) count * side * side * itemBytes;
        }

        String describe() {
            return count + " grid" + (count == 1 ? "" : "s") + " of " + side + "x" + side + " " + descr;
        }

        /** Element (grid i, row r, column c) sits at (i, r, c) in C order, at i + N (r + g c) in Fortran order. */
        Grids grids(ByteBuffer data) {
            List<long[]> out = new ArrayList<>(count);
            int g = side;
            for (int i = 0; i < count; i++) {
                long[] codes = new long[g * g];
                for (int r = 0; r < g; r++) {
                    for (int c = 0; c < g; c++) {
                        long element = fortran ? i + (long) count * (r + (long) g * c) : ((long) i * g + r) * g + c;
                        codes[r * g + c] = value(data, (int) (element * itemBytes));
                    }
                }
                out.add(codes);
            }
            return new Grids(g, out);
        }

        private long value(ByteBuffer b, int at) {
            return switch (itemBytes) {
                case 1 -> unsigned ? b.get(at) & 0xFF : b.get(at);
                case 2 -> unsigned ? b.getShort(at) & 0xFFFF : b.getShort(at);
                case 4 -> unsigned ? b.getInt(at) & 0xFFFFFFFFL : b.getInt(at);
                default -> {
                    long v = b.getLong(at);
                    yield unsigned && v < 0 ? Long.MAX_VALUE : v; // beyond 2^63: out of any codebook
                }
            };
        }
    }

    private static Layout layout(Path file, String header) throws IOException {
        Matcher d = DESCR.matcher(header), o = ORDER.matcher(header), s = SHAPE.matcher(header);
        if (!d.find() || !o.find() || !s.find()) {
            throw new IOException(file + ": a .npy header needs 'descr', 'fortran_order' and 'shape'; got " + clip(header));
        }
        String descr = d.group(1);
        Matcher t = DTYPE.matcher(descr);
        if (!t.matches()) {
            throw new IOException(file + " holds " + descr + " values; token grids are integers (e.g. a.astype(np.int32))");
        }
        if (t.group(1).equals(">") && !t.group(3).equals("1")) {
            throw new IOException(file + " holds big-endian " + descr + " values; save little-endian integers "
                    + "(e.g. a.astype('<i4'))");
        }
        if (!t.group(1).equals("<") && !t.group(3).equals("1")) {
            throw new IOException(file + " holds " + descr + " values of no stated byte order; save little-endian "
                    + "integers (e.g. a.astype('<i4'))");
        }
        long[] dims = dims(file, s.group(1));
        if (dims.length < 2 || dims.length > 3) {
            throw new IOException(file + " has shape " + shape(dims) + "; expected (N, g, g) grids or one (g, g) grid");
        }
        long n = dims.length == 3 ? dims[0] : 1, h = dims[dims.length - 2], w = dims[dims.length - 1];
        if (n == 0 || h == 0 || w == 0) {
            throw new IOException(file + " has shape " + shape(dims) + ": it holds no token grids");
        }
        if (h != w) {
            throw new IOException(file + " has shape " + shape(dims) + ": grids are square, " + h + " high and " + w + " wide");
        }
        if (h > MAX_SIDE || n > Integer.MAX_VALUE) {
            throw new IOException(file + " has shape " + shape(dims) + ": too large for token grids");
        }
        return new Layout((int) n, (int) h, Integer.parseInt(t.group(3)), t.group(2).equals("u"),
                o.group(1).equals("True"), descr);
    }

    private static long[] dims(Path file, String tuple) throws IOException {
        String[] parts = tuple.split(",");
        List<Long> dims = new ArrayList<>();
        for (String p : parts) {
            if (p.isBlank()) {
                continue; // the trailing comma of (N,)
            }
            try {
                long v = Long.parseLong(p.trim());
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new IOException(file + ": the .npy shape (" + clip(tuple) + ") is not a tuple of sizes");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static String shape(long[] dims) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < dims.length; i++) {
            sb.append(i > 0 ? ", " : "").append(dims[i]);
        }
        return sb.append(dims.length == 1 ? ",)" : ")").toString();
    }

    private static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    private static ByteBuffer readAt(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return b.flip();
    }
}
