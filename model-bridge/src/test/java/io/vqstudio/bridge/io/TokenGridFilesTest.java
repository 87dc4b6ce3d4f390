package io.vqstudio.bridge.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.core.TokenGrid;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token grid files as a user hands them over: numpy's own layouts read right, everything else refused in one line. */
class TokenGridFilesTest {

    @TempDir
    Path tmp;

    /** Code of grid i at (r, c): distinct everywhere, so any scrambling shows. */
    private static int code(int i, int r, int c) {
        return i * 100 + r * 10 + c;
    }

    /** A .npy file with this header dict and these bytes after it, as numpy lays it out (version 1.0). */
    private Path npy(String name, String dict, byte[] data) throws IOException {
        int total = 10 + dict.length() + 1;
        String header = dict + " ".repeat((64 - total % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return Files.write(tmp.resolve(name), b.array());
    }

    private static byte[] ints(int bytesEach, ByteOrder order, long... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * bytesEach).order(order);
        for (long v : values) {
            if (bytesEach == 4) {
                b.putInt((int) v);
            } else {
                b.putLong(v);
            }
        }
        return b.array();
    }

    /** Grids of side g in C order (last index fastest) or Fortran order (first index fastest). */
    private static long[] grids(int n, int g, boolean fortran) {
        long[] v = new long[n * g * g];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    v[fortran ? i + n * (r + g * c) : (i * g + r) * g + c] = code(i, r, c);
                }
            }
        }
        return v;
    }

    private static void assertGrids(List<TokenGrid> grids, int n, int g) {
        assertThat(grids).hasSize(n);
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < g; r++) {
                for (int c = 0; c < g; c++) {
                    assertThat(grids.get(i).get(r, c)).as("grid %d (%d, %d)", i, r, c).isEqualTo(code(i, r, c));
                }
            }
        }
    }

    private void refused(Path file, int codebookSize, String... parts) {
        assertThatThrownBy(() -> TokenGridFiles.read(file, codebookSize)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageNotContaining("\n")
                .hasMessageContainingAll(parts);
    }

    @Test
    void fortranOrderGridsReadAsNumpyShowsThem() throws Exception {
        Path f = npy("f.npy", "{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 3), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, grids(2, 3, true)));
        assertGrids(TokenGridFiles.read(f, 1000), 2, 3);
        Path one = npy("one.npy", "{'descr': '<i4', 'fortran_order': True, 'shape': (3, 3), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, grids(1, 3, true)));
        assertGrids(TokenGridFiles.read(one, 1000), 1, 3);
    }

    @Test
    void cOrderInt64GridsAndOurOwnFilesRoundTrip() throws Exception {
        Path f = npy("c.npy", "{'descr': '<i8', 'fortran_order': False, 'shape': (2, 3, 3), }",
                ints(8, ByteOrder.LITTLE_ENDIAN, grids(2, 3, false)));
        List<TokenGrid> read = TokenGridFiles.read(f, 1000);
        assertGrids(read, 2, 3);
        for (String name : List.of("again.npy", "again.json")) {
            TokenGridFiles.write(tmp.resolve(name), read);
            assertThat(TokenGridFiles.read(tmp.resolve(name), 1000)).isEqualTo(read);
        }
    }

    @Test
    void emptyArraysAndEmptyGridListsAreRefused() throws Exception {
        refused(npy("e.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (0, 16, 16), }", new byte[0]),
                64, "(0, 16, 16)", "no token grids");
        refused(npy("z.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 0, 0), }", new byte[0]),
                64, "no token grids");
        Path json = Files.writeString(tmp.resolve("e.json"), "{\"codebook_size\": 64, \"grid\": 2, \"grids\": []}");
        refused(json, 64, "\"grids\"", "non-empty");
    }

    @Test
    void rowsOfTheWrongLengthAndRaggedGridsAreRefused() throws Exception {
        Path longRow = Files.writeString(tmp.resolve("long.json"),
                "{\"codebook_size\": 64, \"grid\": 2, \"grids\": [[[1, 2], [3, 4, 5]]]}");
        refused(longRow, 64, "row 1 has 3 codes, the grid is 2 wide");
        Path shortRow = Files.writeString(tmp.resolve("short.json"),
                "{\"codebook_size\": 64, \"grid\": 2, \"grids\": [[[1, 2], [3, 4]], [[1], [3, 4]]]}");
        refused(shortRow, 64, "grid 1, row 0 has 1 codes, the grid is 2 wide");
        Path fewRows = Files.writeString(tmp.resolve("rows.json"),
                "{\"codebook_size\": 64, \"grid\": 2, \"grids\": [[[1, 2]]]}");
        refused(fewRows, 64, "grid 0 has 1 rows, the grid is 2 high");
        Path notSquare = npy("rect.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 2, 3), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, 1, 2, 3, 4, 5, 6));
        refused(notSquare, 64, "square");
        Path fraction = Files.writeString(tmp.resolve("frac.json"),
                "{\"codebook_size\": 64, \"grid\": 1, \"grids\": [[[1.5]]]}");
        refused(fraction, 64, "row 0, column 0", "whole number");
    }

    @Test
    void codesOutsideTheCodebookAreRefusedWhereTheyStand() throws Exception {
        Path big = npy("big.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2, 2), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, 0, 1, 2, 3, 4, 5, 64, 7));
        refused(big, 64, "grid 1, row 1, column 0 holds code 64", "64 codes");
        Path negative = npy("neg.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (2, 2), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, 0, -1, 2, 3));
        refused(negative, 64, "row 0, column 1 holds code -1");
        Path json = Files.writeString(tmp.resolve("k.json"), "{\"codebook_size\": 8, \"grid\": 1, \"grids\": [[[8]]]}");
        refused(json, 0, "holds code 8", "8 codes");
    }

    @Test
    void otherDtypesAreRefused() throws Exception {
        refused(npy("f4.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }",
                new byte[4]), 64, "<f4", "integers");
        refused(npy("be.npy", "{'descr': '>i4', 'fortran_order': False, 'shape': (1, 1), }",
                ints(4, ByteOrder.BIG_ENDIAN, 1)), 64, "big-endian");
        refused(npy("obj.npy", "{'descr': '|O', 'fortran_order': False, 'shape': (1, 1), }",
                new byte[] {(byte) 0x80, 2, 'K', 1, '.'}), 64, "|O");
        Path notNpy = Files.writeString(tmp.resolve("text.npy"), "hello, world");
        refused(notNpy, 64, "not a .npy file");
        Path binaryJson = Files.write(tmp.resolve("binary.json"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) 0xff});
        refused(binaryJson, 64, "not a JSON text file");
    }

    @Test
    void truncatedDataAndHeadersThatPromiseMoreAreRefused() throws Exception {
        refused(npy("lies.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (1000000, 16, 16), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, grids(1, 16, false))), 64, "truncated", "1000000 grids of 16x16");
        refused(npy("extra.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1, 1), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, 1, 2)), 64, "4 bytes after");
        byte[] whole = Files.readAllBytes(npy("cut.npy", "{'descr': '<i4', 'fortran_order': False, 'shape': (1, 1), }",
                ints(4, ByteOrder.LITTLE_ENDIAN, 1)));
        Path cut = Files.write(tmp.resolve("cut.npy"), java.util.Arrays.copyOf(whole, 40));
        refused(cut, 64, "truncated");
    }
}
