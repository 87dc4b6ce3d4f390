package io.vqstudio.bridge.io;

import io.vqstudio.bridge.api.TokenGrid;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Token grids on disk: JSON ({@code {"codebook_size": K, "grid": g, "grids": [[[...]]]}}) or NumPy
 * {@code .npy} (int32, shape (N, g, g); the codebook size is not stored there). The extension decides.
 */
public final class TokenGridFiles {

    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+),\\s*(\\d+)\\)");

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

    /** Reads grids; for .npy the codebook size must be given (it is not stored), otherwise it is checked. */
    public static List<TokenGrid> read(Path file, int codebookSize) throws IOException {
        List<TokenGrid> out = new ArrayList<>();
        if (file.toString().endsWith(".npy")) {
            byte[] all = Files.readAllBytes(file);
            if (all.length < 10 || all[0] != (byte) 0x93 || !new String(all, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
                throw new IOException(file + " is not a .npy file");
            }
            int headerLen = ByteBuffer.wrap(all, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
            String header = new String(all, 10, headerLen, StandardCharsets.US_ASCII);
            Matcher m = SHAPE.matcher(header);
            if (!header.contains("'<i4'") || !m.find()) {
                throw new IOException(file + " must hold int32 token grids of shape (N, g, g); header: " + header.trim());
            }
            int n = Integer.parseInt(m.group(1)), g = Integer.parseInt(m.group(2));
            ByteBuffer data = ByteBuffer.wrap(all, 10 + headerLen, all.length - 10 - headerLen).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < n; i++) {
                int[] codes = new int[g * g];
                for (int j = 0; j < codes.length; j++) {
                    codes[j] = data.getInt();
                }
                out.add(new TokenGrid(g, codes, codebookSize));
            }
            return out;
        }
        JsonForm form = Json.read(file, JsonForm.class);
        if (codebookSize > 0 && form.codebook_size() != codebookSize) {
            throw new IOException(file + " holds codes of a " + form.codebook_size() + "-code tokenizer, not "
                    + codebookSize);
        }
        for (int[][] grid : form.grids()) {
            int[] codes = new int[form.grid() * form.grid()];
            for (int r = 0; r < form.grid(); r++) {
                System.arraycopy(grid[r], 0, codes, r * form.grid(), form.grid());
            }
            out.add(new TokenGrid(form.grid(), codes, form.codebook_size()));
        }
        return out;
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
