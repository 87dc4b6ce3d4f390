package io.vqstudio.bridge.io;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.core.TokenGrid;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Token grids on disk: JSON ({@code {"codebook_size": K, "grid": g, "grids": [[[...]]]}}) or NumPy
 * {@code .npy} (written as int32 of shape (N, g, g); read as any little-endian integers, see {@link NpyGrids};
 * the codebook size is not stored there). The extension decides.
 */
public final class TokenGridFiles {

    private static final String SHAPE_OF_JSON = "{\"codebook_size\": K, \"grid\": g, \"grids\": [[[...]]]}";

    private TokenGridFiles() {}

    /** JSON form, also the app's clipboard and export format. */
    record JsonForm(int codebook_size, int grid, int[][][] grids) {}

    public static void write(Path file, List<TokenGrid> grids) throws IOException {
        if (grids.isEmpty()) {
            throw new IllegalArgumentException("no token grids to write");
        }
        int g = grids.get(0).size();
        if (file.toString().endsWith(".npy")) {
            writeNpy(file, grids, g);
            return;
        }
        int[][][] all = new int[grids.size()][g][g];
        for (int i = 0; i < grids.size(); i++) {
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    all[i][r][c] = grids.get(i).get(r, c);
                }
            }
        }
        Files.writeString(file, Json.COMPACT.toJson(new JsonForm(grids.get(0).codebookSize(), g, all)) + "\n");
    }

    /**
     * Reads grids, refusing with one line that names the file whatever does not hold: empty files,
     * rows of the wrong length, codes outside the codebook, and (.npy) unsupported dtypes, truncated
     * data or a shape the data does not fill. For .npy the codebook size must be given (it is not
     * stored); for JSON a given size ({@code > 0}) must match the file's.
     */
    public static List<TokenGrid> read(Path file, int codebookSize) throws IOException {
        if (file.toString().endsWith(".npy")) {
            if (codebookSize < 1) {
                throw new IllegalArgumentException(".npy token grids need the tokenizer's codebook size");
            }
            NpyGrids.Grids g = NpyGrids.read(file);
            List<TokenGrid> out = new ArrayList<>();
            for (int i = 0; i < g.codes().size(); i++) {
                out.add(grid(file, i, g.codes().size(), g.side(), g.codes().get(i), codebookSize));
            }
            return out;
        }
        return readJson(file, codebookSize);
    }

    private static List<TokenGrid> readJson(Path file, int codebookSize) throws IOException {
        JsonObject form;
        try {
            JsonElement root = JsonParser.parseString(Files.readString(file));
            if (!root.isJsonObject()) {
                throw new IOException(file + " is not a token grid file: expected " + SHAPE_OF_JSON);
            }
            form = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IOException(file + " is not valid JSON: " + e.getMessage(), e);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IOException(file + " is not a JSON text file (not UTF-8)", e);
        }
        int k = (int) integer(file, form.get("codebook_size"), "\"codebook_size\"", 1, 1 << 24);
        int g = (int) integer(file, form.get("grid"), "\"grid\"", 1, NpyGrids.MAX_SIDE);
        if (codebookSize > 0 && k != codebookSize) {
            throw new IOException(file + " holds codes of a " + k + "-code tokenizer, not " + codebookSize);
        }
        JsonElement gridsField = form.get("grids");
        if (gridsField == null || !gridsField.isJsonArray() || gridsField.getAsJsonArray().isEmpty()) {
            throw new IOException(file + ": \"grids\" must be a non-empty list of " + g + "x" + g + " grids");
        }
        JsonArray grids = gridsField.getAsJsonArray();
        List<TokenGrid> out = new ArrayList<>();
        for (int i = 0; i < grids.size(); i++) {
            String at = where(file, i, grids.size());
            if (!grids.get(i).isJsonArray() || grids.get(i).getAsJsonArray().size() != g) {
                throw new IOException(file + ": grid " + i + " has " + count(grids.get(i), "rows") + ", the grid is "
                        + g + " high");
            }
            JsonArray rows = grids.get(i).getAsJsonArray();
            long[] codes = new long[g * g];
            for (int r = 0; r < g; r++) {
                if (!rows.get(r).isJsonArray() || rows.get(r).getAsJsonArray().size() != g) {
                    throw new IOException(at + "row " + r + " has " + count(rows.get(r), "codes") + ", the grid is "
                            + g + " wide");
                }
                JsonArray row = rows.get(r).getAsJsonArray();
                for (int c = 0; c < g; c++) {
                    codes[r * g + c] = integer(file, row.get(c), "grid " + i + ", row " + r + ", column " + c,
                            Long.MIN_VALUE, Long.MAX_VALUE);
                }
            }
            out.add(grid(file, i, grids.size(), g, codes, k));
        }
        return out;
    }

    /** One grid, its codes checked against the codebook. */
    private static TokenGrid grid(Path file, int index, int count, int g, long[] codes, int codebookSize)
            throws IOException {
        int[] ids = new int[codes.length];
        for (int j = 0; j < codes.length; j++) {
            if (codes[j] < 0 || codes[j] >= codebookSize) {
                throw new IOException(where(file, index, count) + "row " + j / g + ", column " + j % g + " holds code "
                        + codes[j] + ", outside the tokenizer's " + codebookSize + " codes (0.." + (codebookSize - 1) + ")");
            }
            ids[j] = (int) codes[j];
        }
        return new TokenGrid(g, ids, codebookSize);
    }

    /** "file: " for a file of one grid, "file: grid 3, " for one of several. */
    private static String where(Path file, int index, int count) {
        return file + ": " + (count > 1 ? "grid " + index + ", " : "");
    }

    private static String count(JsonElement e, String what) {
        return e.isJsonArray() ? e.getAsJsonArray().size() + " " + what : "no list of " + what;
    }

    private static long integer(Path file, JsonElement e, String name, long min, long max) throws IOException {
        try {
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                long v = e.getAsBigDecimal().longValueExact();
                if (v >= min && v <= max) {
                    return v;
                }
                throw new IOException(file + ": " + name + " is " + v + ", expected " + min + ".." + max);
            }
        } catch (ArithmeticException | NumberFormatException ex) {
            // not a whole number: refused below
        }
        throw new IOException(file + ": " + name + " must be a whole number, got " + (e == null ? "nothing" : e));
    }

    private static void writeNpy(Path file, List<TokenGrid> grids, int g) throws IOException {
        String dict = "{'descr': '<i4', 'fortran_order': False, 'shape': (" + grids.size() + ", " + g + ", " + g + "), }";
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer buf = ByteBuffer.allocate(4 * g * g).order(ByteOrder.LITTLE_ENDIAN);
            for (TokenGrid t : grids) {
                buf.clear();
                for (int c : t.codes()) {
                    buf.putInt(c);
                }
                out.write(buf.array());
            }
        }
    }
}
