package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.io.TokenFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Runs a command line capturing its output, and the helpers the file-safety tests share. */
final class CliHarness {

    /** What a command line left: its exit code, stdout and stderr. */
    record Result(int code, String out, String err) {}

    private CliHarness() {}

    static Result run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true));
        System.setErr(new PrintStream(err, true));
        try {
            int code = Main.run(args);
            return new Result(code, out.toString(), err.toString());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Every file (by relative path, with its bytes) and folder under {@code dir}: what "nothing changed" compares. */
    static Map<String, ByteBuffer> snapshot(Path dir) throws IOException {
        Map<String, ByteBuffer> all = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                String name = dir.relativize(p).toString();
                all.put(Files.isDirectory(p) ? name + "/" : name,
                        Files.isDirectory(p) ? ByteBuffer.allocate(0) : ByteBuffer.wrap(Files.readAllBytes(p)));
            }
        }
        return all;
    }

    /** Four fixed 4x4 grids of 64 codes in two classes, 24 for training and 8 held out. */
    static Path tokenFile(Path file) throws IOException {
        TokenFile.Header h = TokenFile.Header.create("tok-id", "test", 4, 64, List.of("a", "b"), List.of("A", "B"),
                "generated", 0.25);
        try (TokenFile.Writer w = TokenFile.Writer.openOrResume(file, h)) {
            for (int copy = 0; copy < 8; copy++) {
                for (int g = 0; g < 4; g++) {
                    long[] codes = new long[16];
                    for (int i = 0; i < 16; i++) {
                        codes[i] = (g * 16 + i * (g + 1)) % 64;
                    }
                    w.append(new byte[] {(byte) (copy < 6 ? 0 : 1)}, new int[] {g % 2}, codes, copy * 4L + g + 1);
                }
            }
            w.finish();
        }
        return file;
    }
}
