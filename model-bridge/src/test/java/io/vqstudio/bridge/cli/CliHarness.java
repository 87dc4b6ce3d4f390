package io.vqstudio.bridge.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
