package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.family.Families;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded mutations of the three kinds of file a user hands the CLI (a tokenizer checkpoint, a token
 * grid file, an image), each run through the command that reads it in this JVM. Every case must end
 * in a result (exit 0, output written) or in one {@code error:} line that names the damaged file,
 * never an uncaught exception, an internal exception's name, an out-of-memory or a hang.
 */
class HostileInputFuzzTest {

    private static final long SEED = 20261206L;
    /** An internal exception's name in a message means an error escaped the message layer. */
    private static final Pattern INTERNAL = Pattern.compile("\\b[A-Z][A-Za-z]*(Exception|Error)\\b|\\bat io\\.vqstudio\\.");
    /** A hang guard, far above any case's run time; not a speed assertion. */
    private static final long CASE_LIMIT_S = 120;

    @TempDir
    static Path tmp;
    private static Path checkpoint;
    private static Path image;
    private static Path tokensNpy;
    private static Path tokensJson;
    private static ExecutorService runner;

    @BeforeAll
    static void makeGoodFiles() throws IOException {
        TestEngine.start();
        Engine.getInstance().setRandomSeed(3);
        checkpoint = tmp.resolve("good-tokenizer");
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            CheckpointDir.writeAtomically(checkpoint, d -> TokenizerStore.writeInto(d, t, 1, "# tiny\n", null));
        }
        BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(SEED);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, (x * 16) << 16 | (y * 16) << 8 | r.nextInt(256));
            }
        }
        image = tmp.resolve("good.png");
        ImageIO.write(img, "png", image.toFile());
        int grid = Families.tokenizerPreset("vit-tiny").gridSize();
        int[] codes = new int[grid * grid];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = r.nextInt(64);
        }
        tokensNpy = tmp.resolve("good.npy");
        tokensJson = tmp.resolve("good.json");
        TokenGridFiles.write(tokensNpy, List.of(new TokenGrid(grid, codes, 64)));
        TokenGridFiles.write(tokensJson, List.of(new TokenGrid(grid, codes, 64)));
        runner = Executors.newSingleThreadExecutor(r2 -> {
            Thread th = new Thread(r2, "fuzz-case");
            th.setDaemon(true);
            return th;
        });
    }

    @AfterAll
    static void stop() {
        runner.shutdownNow();
    }

    @Test
    void damagedCheckpointsLoadOrFailInOneLine() throws Exception {
        Random r = new Random(SEED + 1);
        List<String> bad = new ArrayList<>();
        int[] outcome = new int[2];
        for (int i = 0; i < 120; i++) {
            Path dir = tmp.resolve("ck-" + i);
            copyDir(checkpoint, dir);
            Path victim = dir.resolve(i % 3 == 0 ? CheckpointDir.SPEC : CheckpointDir.WEIGHTS);
            String how = mutate(victim, r, victim.getFileName().toString().equals(CheckpointDir.SPEC));
            Path out = tmp.resolve("ck-out-" + i + ".png");
            check("reconstruct " + victim + " (" + how + ")", List.of(dir.getFileName().toString(), victim.getFileName().toString()),
                    out, bad, outcome, "reconstruct", "--model", dir.toString(), image.toString(), "--out", out.toString(),
                    "--threads", "1");
        }
        report("checkpoints", outcome, bad);
    }

    @Test
    void damagedTokenFilesDecodeOrFailInOneLine() throws Exception {
        Random r = new Random(SEED + 2);
        List<String> bad = new ArrayList<>();
        int[] outcome = new int[2];
        for (int i = 0; i < 100; i++) {
            Path good = i % 2 == 0 ? tokensNpy : tokensJson;
            Path file = tmp.resolve("tokens-" + i + (i % 2 == 0 ? ".npy" : ".json"));
            Files.copy(good, file);
            String how = mutate(file, r, i % 2 == 1);
            Path out = tmp.resolve("tok-out-" + i + ".png");
            check("decode " + file + " (" + how + ")", List.of(file.getFileName().toString()), out, bad, outcome,
                    "decode", "--model", checkpoint.toString(), "--tokens", file.toString(), "--out", out.toString(),
                    "--threads", "1");
        }
        report("token files", outcome, bad);
    }

    @Test
    void damagedImagesReconstructOrFailInOneLine() throws Exception {
        Random r = new Random(SEED + 3);
        List<String> bad = new ArrayList<>();
        int[] outcome = new int[2];
        for (int i = 0; i < 100; i++) {
            Path file = tmp.resolve("image-" + i + ".png");
            Files.copy(image, file);
            String how = mutate(file, r, false);
            Path out = tmp.resolve("img-out-" + i + ".png");
            check("reconstruct " + file + " (" + how + ")", List.of(file.getFileName().toString()), out, bad, outcome,
                    "reconstruct", "--model", checkpoint.toString(), file.toString(), "--out", out.toString(), "--threads", "1");
        }
        report("images", outcome, bad);
    }

    /** Runs one case; counts a result or a clean error, or records what went wrong. */
    private static void check(String label, List<String> names, Path out, List<String> bad, int[] outcome, String... args)
            throws Exception {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            Future<Integer> f = runner.submit(() -> Main.run(args));
            code = f.get(CASE_LIMIT_S, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException hang) {
            bad.add(label + ": no answer within " + CASE_LIMIT_S + " s");
            return;
        } catch (java.util.concurrent.ExecutionException thrown) {
            bad.add(label + ": threw " + thrown.getCause());
            return;
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        List<String> errors = stderr.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("error:")).toList();
        if (code == 0) {
            if (!Files.isRegularFile(out) || !errors.isEmpty()) {
                bad.add(label + ": exit 0 but " + (errors.isEmpty() ? "no output written" : errors));
            } else {
                outcome[0]++;
            }
            return;
        }
        if (errors.size() != 1) {
            bad.add(label + ": exit " + code + " with " + errors.size() + " error lines: " + stderr);
        } else if (INTERNAL.matcher(errors.get(0)).find()) {
            bad.add(label + ": an internal exception reached the user: " + errors.get(0));
        } else if (names.stream().noneMatch(errors.get(0)::contains)) {
            bad.add(label + ": the error does not name the file: " + errors.get(0));
        } else {
            outcome[1]++;
        }
    }

    private static void report(String what, int[] outcome, List<String> bad) {
        System.out.printf("fuzz %s: %d results, %d clean errors, %d bad%n", what, outcome[0], outcome[1], bad.size());
        assertThat(bad).as(what).isEmpty();
    }

    /** Damages {@code file} in place in one of several ways; returns what was done. */
    private static String mutate(Path file, Random r, boolean text) throws IOException {
        byte[] b = Files.readAllBytes(file);
        int kind = r.nextInt(text ? 5 : 4);
        switch (kind) {
            case 0 -> {
                int n = 1 + r.nextInt(4);
                StringBuilder where = new StringBuilder("flipped bytes at");
                for (int k = 0; k < n; k++) {
                    // Half the flips land in the first 256 bytes, where headers live.
                    int at = r.nextBoolean() ? r.nextInt(Math.min(256, b.length)) : r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                    where.append(' ').append(at);
                }
                Files.write(file, b);
                return where.toString();
            }
            case 1 -> {
                int at = r.nextInt(b.length);
                Files.write(file, java.util.Arrays.copyOf(b, at));
                return "truncated at " + at;
            }
            case 2 -> {
                int at = r.nextInt(Math.min(64, b.length));
                for (int k = at; k < Math.min(b.length, at + 8); k++) {
                    b[k] = (byte) 0xFF;
                }
                Files.write(file, b);
                return "0xFF x8 at " + at;
            }
            case 3 -> {
                byte[] junk = new byte[1 + r.nextInt(64)];
                r.nextBytes(junk);
                int at = r.nextInt(b.length);
                byte[] c = new byte[b.length + junk.length];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(junk, 0, c, at, junk.length);
                System.arraycopy(b, at, c, at + junk.length, b.length - at);
                Files.write(file, c);
                return "inserted " + junk.length + " random bytes at " + at;
            }
            default -> {
                // A number in a JSON text replaced by an extreme or malformed one.
                String s = new String(b, StandardCharsets.UTF_8);
                java.util.regex.Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?").matcher(s);
                List<int[]> spans = new ArrayList<>();
                while (m.find()) {
                    spans.add(new int[] {m.start(), m.end()});
                }
                if (spans.isEmpty()) {
                    Files.writeString(file, s.substring(0, s.length() / 2));
                    return "cut in half";
                }
                String[] extremes = {"0", "-1", "1000000000", "2147483647", "9223372036854775807", "1e300", "NaN", "-0.5",
                        "\"x\"", "null", "[]", "{}"};
                int[] span = spans.get(r.nextInt(spans.size()));
                String with = extremes[r.nextInt(extremes.length)];
                Files.writeString(file, s.substring(0, span[0]) + with + s.substring(span[1]));
                return "number at " + span[0] + " -> " + with;
            }
        }
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }
}
