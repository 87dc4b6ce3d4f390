package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user reads when a command fails: one line, once, in words, naming the file. */
class ErrorMessagesTest {

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path tokenizer;
    private static Path image;

    @BeforeAll
    static void trainATinyTokenizer() throws Exception {
        tokenizer = TinyTokenizer.train(shared);
        image = TinyTokenizer.image(shared);
    }

    private record Run(int code, List<String> errLines) {}

    /** Runs a command; returns its exit code and its stderr lines other than the device line. */
    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, err.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.startsWith("device: ")).toList());
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void anEngineErrorIsPrintedOnceNamingTheFileInWords() throws Exception {
        Path broken = TinyTokenizer.copy(tokenizer, tmp.resolve("broken"));
        JsonObject spec = Json.read(broken.resolve(CheckpointDir.SPEC), JsonObject.class);
        spec.getAsJsonObject("spec").getAsJsonObject("encoder").addProperty("mlpDim", "many");
        Files.writeString(broken.resolve(CheckpointDir.SPEC), spec.toString());

        Run r = run("encode", "--model", broken.toString(), image.toString(), "--out", tmp.resolve("g.json").toString(),
                "--threads", "1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("error: ").contains(CheckpointDir.SPEC).contains("\"many\"")
                .doesNotContain("Exception").doesNotContain("java.");
    }

    @Test
    void anInternalFailureReadingWeightsNamesTheWeightsFile() throws Exception {
        Path broken = TinyTokenizer.copy(tokenizer, tmp.resolve("no-offsets"));
        Path weights = broken.resolve(CheckpointDir.WEIGHTS);
        byte[] all = Files.readAllBytes(weights);
        int headerLength = (int) ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        JsonObject header = JsonParser.parseString(new String(all, 8, headerLength, StandardCharsets.UTF_8)).getAsJsonObject();
        String first = header.keySet().stream().filter(k -> !k.equals("__metadata__")).findFirst().orElseThrow();
        header.getAsJsonObject(first).remove("data_offsets"); // the header is shorter now: pad it back with spaces
        byte[] text = (header + " ".repeat(headerLength)).substring(0, headerLength).getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, all, 8, headerLength);
        Files.write(weights, all);

        Run r = run("encode", "--model", broken.toString(), image.toString(), "--out", tmp.resolve("g.json").toString(),
                "--threads", "1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        String line = r.errLines().get(0);
        assertThat(line).contains(CheckpointDir.WEIGHTS).doesNotMatch("error: \\w*(Exception|Error)\\b.*");
    }

    @Test
    void outAtADirectoryIsOneLineAndLeavesTheDirectoryAlone() throws Exception {
        Path full = Files.createDirectories(tmp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Run r = run("reconstruct", "--model", tokenizer.toString(), image.toString(), "--out", full.toString(),
                "--threads", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.errLines()).hasSize(1);
        assertThat(r.errLines().get(0)).startsWith("error: ").contains(full.toString()).contains("directory");
        assertThat(full.resolve("keep.txt")).hasContent("mine");

        // ImageIO deletes what the path names before writing, an empty directory included.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThat(run("reconstruct", "--model", tokenizer.toString(), image.toString(), "--out", empty.toString(),
                "--threads", "1").code()).isEqualTo(1);
        assertThat(empty).isDirectory();
    }

    @Test
    void aModelCardThatIsNotUtf8DoesNotBlockTheModel() throws Exception {
        Path model = TinyTokenizer.copy(tokenizer, tmp.resolve("latin1-card"));
        Files.write(model.resolve(CheckpointDir.CARD), "# Mod\u00e8le cr\u00e9\u00e9 \u00e0 Paris\n".getBytes(StandardCharsets.ISO_8859_1));

        Run r = run("encode", "--model", model.toString(), image.toString(), "--out", tmp.resolve("g.json").toString(),
                "--threads", "1");

        assertThat(r.code()).as(String.join("\n", r.errLines())).isZero();
        assertThat(CheckpointDir.readCard(model)).startsWith("# Mod\uFFFDle cr\uFFFD\uFFFD \uFFFD Paris");
    }
}
