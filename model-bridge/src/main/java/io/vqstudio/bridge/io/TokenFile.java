package io.vqstudio.bridge.io;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tokenized dataset in one compact file: a 64 KiB JSON header (padded with spaces), then one
 * record per image: split (uint8: 0 train, 1 validation), label (uint16), g*g codes (uint16),
 * little-endian. The header names the tokenizer that made it, so a prior can refuse codes from
 * another tokenizer, and counts records and dataset entries done, so tokenizing can resume.
 */
public final class TokenFile {

    public static final int HEADER_BYTES = 65536;
    /** Largest grid side a header may claim. */
    static final int MAX_GRID = 4096;
    private static final String MAGIC = "VQTOKENS";

    /**
     * @param entriesDone dataset entries processed so far (written or skipped as unreadable)
     * @param count       complete records
     */
    public record Header(String magic, int format, String tokenizerId, String tokenizerName, int gridSize,
                         int codebookSize, List<String> classes, List<String> classNames, String data,
                         double validationFraction, long entriesDone, long count, boolean complete) {

        public int recordBytes() {
            return 3 + 2 * gridSize * gridSize;
        }

        public Header progress(long entries, long records, boolean done) {
            return new Header(magic, format, tokenizerId, tokenizerName, gridSize, codebookSize, classes, classNames,
                    data, validationFraction, entries, records, done);
        }

        public static Header create(String tokenizerId, String tokenizerName, int gridSize, int codebookSize,
                                    List<String> classes, List<String> classNames, String data, double validation) {
            return new Header(MAGIC, 1, tokenizerId, tokenizerName, gridSize, codebookSize, List.copyOf(classes),
                    List.copyOf(classNames), data, validation, 0, 0, false);
        }
    }

    /** The records in memory: codes as unsigned 16-bit chars, n = g*g per record. */
    public record Data(Header header, char[] codes, int[] labels, byte[] splits) {

        public int size() {
            return labels.length;
        }

        public int tokens() {
            return header.gridSize() * header.gridSize();
        }
    }

    private TokenFile() {}

    /** True when {@code path} is a file that starts like a token file (not a folder or zip of images). */
    public static boolean isTokenFile(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (var in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(64);
            return new String(head, StandardCharsets.UTF_8).contains("\"magic\":\"" + MAGIC + "\"");
        } catch (IOException e) {
            return false;
        }
    }

    public static Header readHeader(Path file) throws IOException {
        byte[] head = new byte[HEADER_BYTES];
        try (var in = Files.newInputStream(file)) {
            if (in.readNBytes(head, 0, HEADER_BYTES) < HEADER_BYTES) {
                throw new IOException(file + " is not a token file (too short)");
            }
        }
        Header h;
        try {
            h = Json.COMPACT.fromJson(new String(head, StandardCharsets.UTF_8).trim(), Header.class);
        } catch (RuntimeException e) {
            throw new IOException(file + " is not a token file: " + e.getMessage(), e);
        }
        if (h == null || !MAGIC.equals(h.magic())) {
            throw new IOException(file + " is not a token file (made by 'tokenize')");
        }
        String bad = problem(h);
        if (bad != null) {
            throw new IOException(file + " has a corrupt header: " + bad);
        }
        return h;
    }

    /** What a header read from a file gets wrong, or null: every field later code relies on. */
    private static String problem(Header h) {
        if (h.format() != 1) {
            return "format " + h.format() + " (this version reads format 1)";
        }
        if (h.tokenizerId() == null || h.data() == null || h.classes() == null || h.classNames() == null
                || h.classes().contains(null) || h.classNames().contains(null)) {
            return "tokenizerId, data, classes and classNames are required";
        }
        if (h.classNames().size() != h.classes().size()) {
            return h.classes().size() + " classes but " + h.classNames().size() + " class names";
        }
        if (h.gridSize() < 1 || h.gridSize() > MAX_GRID) {
            return "grid size " + h.gridSize() + " (expected 1.." + MAX_GRID + ")";
        }
        if (h.codebookSize() < 1 || h.codebookSize() > 65536) {
            return "codebook size " + h.codebookSize() + " (codes are 16-bit: expected 1..65536)";
        }
        if (h.count() < 0 || h.entriesDone() < 0) {
            return "negative counts (" + h.count() + " records, " + h.entriesDone() + " entries)";
        }
        if (!(h.validationFraction() >= 0 && h.validationFraction() < 1)) {
            return "validation fraction " + h.validationFraction() + " (expected 0 <= f < 1)";
        }
        return null;
    }

    /** Refuses a header that counts more records than the file holds. */
    private static void checkHeld(Path file, Header h) throws IOException {
        long held = (Files.size(file) - HEADER_BYTES) / h.recordBytes();
        if (h.count() > held) {
            throw new IOException(file + " is truncated: its header promises " + h.count() + " records, the file holds "
                    + held);
        }
    }

    /** Reads every complete record. */
    public static Data read(Path file) throws IOException {
        Header h = readHeader(file);
        int n = h.gridSize() * h.gridSize();
        checkHeld(file, h); // before allocating for the count
        if (h.count() * n > Integer.MAX_VALUE - 8) {
            throw new IOException(file + " holds " + h.count() + " records of " + n + " codes: too many to load at once");
        }
        char[] codes = new char[(int) (h.count() * n)];
        int[] labels = new int[(int) h.count()];
        byte[] splits = new byte[(int) h.count()];
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(HEADER_BYTES);
            byte[] rec = new byte[h.recordBytes()];
            ByteBuffer buf = ByteBuffer.wrap(rec).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < h.count(); i++) {
                raf.readFully(rec);
                buf.rewind();
                splits[i] = buf.get();
                labels[i] = buf.getChar();
                for (int j = 0; j < n; j++) {
                    codes[i * n + j] = buf.getChar();
                    if (codes[i * n + j] >= h.codebookSize()) {
                        throw new IOException(file + ": record " + i + " holds code " + (int) codes[i * n + j]
                                + ", outside its tokenizer's " + h.codebookSize() + " codes");
                    }
                }
                // A label indexes the classes; classes().size() is the "no class" id of unlabelled data.
                if (splits[i] != 0 && splits[i] != 1 || labels[i] > h.classes().size()) {
                    throw new IOException(file + ": record " + i + " has split " + splits[i] + " and label " + labels[i]
                            + " (expected split 0 or 1, label 0.." + h.classes().size() + ")");
                }
            }
        }
        return new Data(h, codes, labels, splits);
    }

    /** Appends records and keeps the header's counts current, so an interrupted run resumes. */
    public static final class Writer implements AutoCloseable {

        private final RandomAccessFile raf;
        private Header header;

        private Writer(RandomAccessFile raf, Header header) {
            this.raf = raf;
            this.header = header;
        }

        /**
         * Creates the file, or reopens an unfinished one made by the same tokenizer from the same
         * data (dropping any partly written record) to continue where it stopped.
         */
        public static Writer openOrResume(Path file, Header fresh) throws IOException {
            if (Files.exists(file) && Files.size(file) >= HEADER_BYTES) {
                Header old = readHeader(file);
                if (!old.tokenizerId().equals(fresh.tokenizerId()) || !old.data().equals(fresh.data())) {
                    throw new IOException(file + " was made by another tokenizer or from other data; "
                            + "choose another output file or delete it");
                }
                checkHeld(file, old);
                RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
                raf.setLength(HEADER_BYTES + old.count() * old.recordBytes());
                raf.seek(raf.length());
                return new Writer(raf, old);
            }
            RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
            raf.setLength(0);
            Writer w = new Writer(raf, fresh);
            w.writeHeader();
            raf.seek(HEADER_BYTES);
            return w;
        }

        public Header header() {
            return header;
        }

        /** Appends records; {@code entriesDone} counts dataset entries processed including skipped ones. */
        public void append(byte[] splits, int[] labels, long[] codes, long entriesDone) throws IOException {
            int n = header.gridSize() * header.gridSize();
            ByteBuffer buf = ByteBuffer.allocate(splits.length * header.recordBytes()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < splits.length; i++) {
                buf.put(splits[i]).putChar((char) labels[i]);
                for (int j = 0; j < n; j++) {
                    buf.putChar((char) codes[i * n + j]);
                }
            }
            raf.write(buf.array());
            header = header.progress(entriesDone, header.count() + splits.length, false);
            writeHeader();
        }

        public void finish() throws IOException {
            header = header.progress(header.entriesDone(), header.count(), true);
            writeHeader();
        }

        private void writeHeader() throws IOException {
            byte[] json = Json.COMPACT.toJson(header).getBytes(StandardCharsets.UTF_8);
            if (json.length > HEADER_BYTES) {
                throw new IOException("token file header too large (" + json.length + " bytes): too many classes");
            }
            long pos = raf.getFilePointer();
            raf.seek(0);
            byte[] padded = new byte[HEADER_BYTES];
            java.util.Arrays.fill(padded, (byte) ' ');
            System.arraycopy(json, 0, padded, 0, json.length);
            raf.write(padded);
            raf.seek(Math.max(pos, HEADER_BYTES));
        }

        @Override
        public void close() throws IOException {
            raf.close();
        }
    }
}
