package io.vqstudio.bridge.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token files (.vqt) whose header or records lie are refused in one line naming the file, before any allocation. */
class TokenFileTest {

    @TempDir
    Path tmp;

    /** Two 2x2 records of an 8-code tokenizer with classes a and b. */
    private Path tokens(long... codes) throws IOException {
        Path file = Files.createTempFile(tmp, "t", ".vqt");
        Files.delete(file);
        TokenFile.Header h = TokenFile.Header.create("tok", "test", 2, 8, List.of("a", "b"), List.of("A", "B"), "data", 0.25);
        try (TokenFile.Writer w = TokenFile.Writer.openOrResume(file, h)) {
            w.append(new byte[] {0, 1}, new int[] {0, 1}, codes, 2);
            w.finish();
        }
        return file;
    }

    /** Rewrites the header's JSON with {@code from} replaced by {@code to}. */
    private static Path tamper(Path file, String from, String to) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] head = new byte[TokenFile.HEADER_BYTES];
            raf.readFully(head);
            String json = new String(head, StandardCharsets.UTF_8).trim();
            assertThat(json).contains(from);
            byte[] changed = json.replace(from, to).getBytes(StandardCharsets.UTF_8);
            java.util.Arrays.fill(head, (byte) ' ');
            System.arraycopy(changed, 0, head, 0, changed.length);
            raf.seek(0);
            raf.write(head);
        }
        return file;
    }

    private static void refused(Path file, String... parts) {
        assertThatThrownBy(() -> TokenFile.read(file)).isInstanceOf(IOException.class)
                .hasMessageStartingWith(file.toString()).hasMessageNotContaining("\n").hasMessageContainingAll(parts);
    }

    @Test
    void aValidFileReadsBack() throws Exception {
        TokenFile.Data d = TokenFile.read(tokens(1, 2, 3, 4, 5, 6, 7, 0));
        assertThat(d.size()).isEqualTo(2);
        assertThat(new String(d.codes()).chars().toArray()).containsExactly(1, 2, 3, 4, 5, 6, 7, 0);
        assertThat(d.labels()).containsExactly(0, 1);
    }

    @Test
    void countsBeyondTheFileAreRefusedBeforeAllocating() throws Exception {
        // 2^62 records: the byte count overflows a long; read as promised it would allocate garbage.
        refused(tamper(tokens(new long[8]), "\"count\":2", "\"count\":4611686018427387904"), "truncated", "promises");
        refused(tamper(tokens(new long[8]), "\"count\":2", "\"count\":3"), "promises 3 records, the file holds 2");
    }

    @Test
    void impossibleHeaderFieldsAreRefused() throws Exception {
        refused(tamper(tokens(new long[8]), "\"gridSize\":2", "\"gridSize\":-3"), "corrupt header", "grid size -3");
        refused(tamper(tokens(new long[8]), "\"gridSize\":2", "\"gridSize\":100000"), "corrupt header", "grid size 100000");
        refused(tamper(tokens(new long[8]), "\"codebookSize\":8", "\"codebookSize\":0"), "codebook size 0");
        refused(tamper(tokens(new long[8]), "\"classes\":[\"a\",\"b\"],", ""), "classes");
        refused(tamper(tokens(new long[8]), "\"format\":1", "\"format\":7"), "format 7");
    }

    @Test
    void codesAndLabelsOutsideTheirRangeAreRefused() throws Exception {
        refused(tokens(1, 2, 3, 4, 5, 6, 8, 0), "record 1 holds code 8", "8 codes");
        Path labels = tokens(new long[8]);
        try (RandomAccessFile raf = new RandomAccessFile(labels.toFile(), "rw")) {
            raf.seek(TokenFile.HEADER_BYTES + 1); // record 0's label, little-endian uint16
            raf.write(new byte[] {9, 0});
        }
        refused(labels, "record 0", "label 9");
    }

    @Test
    void resumingAFileWhoseHeaderCountsMissingRecordsIsRefused() throws Exception {
        Path file = tamper(tokens(new long[8]), "\"count\":2", "\"count\":5");
        long before = Files.size(file);
        TokenFile.Header fresh = TokenFile.Header.create("tok", "test", 2, 8, List.of("a", "b"), List.of("A", "B"), "data", 0.25);
        assertThatThrownBy(() -> TokenFile.Writer.openOrResume(file, fresh).close())
                .hasMessageContaining("truncated");
        assertThat(Files.size(file)).isEqualTo(before); // not padded with zero records
    }
}
