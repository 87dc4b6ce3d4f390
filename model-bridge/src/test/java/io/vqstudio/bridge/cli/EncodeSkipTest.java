package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.family.Families;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code encode} over several images, some unreadable: the others are encoded, each bad one named in one warning line. */
class EncodeSkipTest {

    @TempDir
    static Path tmp;

    private static Path tokenizer;
    private static Path good1;
    private static Path good2;

    @BeforeAll
    static void setUp() throws Exception {
        TestEngine.start();
        tokenizer = tmp.resolve("tok");
        try (NDManager m = NDManager.newBaseManager()) {
            Tokenizer t = TokenizerStore.build(m, Families.tokenizerPreset("vit-tiny"));
            CheckpointDir.writeAtomically(tokenizer, d -> TokenizerStore.writeInto(d, t, 1, "# card\n", null));
        }
        good1 = png("a.png", 0x336699);
        good2 = png("c.png", 0xCC8844);
    }

    private static Path png(String name, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(20, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                img.setRGB(x, y, rgb + x * 3 + y);
            }
        }
        Path p = tmp.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    /** Runs the CLI; returns the exit code and what it printed on stderr. */
    private static Object[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Object[] {code, buf.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(old);
        }
    }

    private static List<String> lines(Object[] result, String containing) {
        return ((String) result[1]).lines().filter(l -> l.contains(containing)).toList();
    }

    @Test
    void oneUnreadableImageIsNamedAndTheOthersAreEncoded() throws Exception {
        Path bad = Files.writeString(tmp.resolve("b.jpg"), "not a picture");
        Path out = tmp.resolve("grids.json");
        Object[] r = run("encode", "--model", tokenizer.toString(), good1.toString(), bad.toString(), good2.toString(),
                "--out", out.toString(), "--threads", "1");
        assertThat(r[0]).as((String) r[1]).isEqualTo(EncodeCommand.SOME_SKIPPED);
        assertThat(lines(r, "warning")).singleElement().asString().contains(bad.toString()).contains("not an image");
        assertThat(lines(r, "a.png")).isEmpty();
        assertThat(TokenGridFiles.read(out, Families.tokenizerPreset("vit-tiny").quantizer().codebookSize())).hasSize(2);
        // Every image read: exit 0, no warning.
        Object[] all = run("encode", "--model", tokenizer.toString(), good1.toString(), good2.toString(),
                "--out", tmp.resolve("all.json").toString(), "--threads", "1");
        assertThat(all[0]).as((String) all[1]).isEqualTo(0);
        assertThat(lines(all, "warning")).isEmpty();
    }

    @Test
    void noReadableImageIsAnErrorThatWritesNothing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("dir.jpg"));
        Path out = tmp.resolve("none.json");
        Object[] r = run("encode", "--model", tokenizer.toString(), dir.toString(), tmp.resolve("missing.png").toString(),
                "--out", out.toString(), "--threads", "1");
        assertThat(r[0]).isEqualTo(1);
        assertThat(lines(r, "warning")).hasSize(2);
        assertThat(lines(r, "warning").get(0)).contains(dir + " (is a directory, not an image)");
        assertThat(lines(r, "error")).singleElement().asString().contains("None of the 2 images could be read");
        assertThat(out).doesNotExist();
    }
}
