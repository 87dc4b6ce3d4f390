package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.BlockImages;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --json} on every command: stdout holds exactly one strict JSON object (no NaN, nothing
 * before or after), for results and for failures alike, on a pipeline of tiny models.
 */
class JsonOutputTest {

    @TempDir
    Path tmp;

    private record Run(int code, String out) {}

    private static Run run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, buf.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(old);
        }
    }

    /** Runs a command that must succeed and returns its one JSON object. */
    private static JsonObject json(String... args) {
        Run r = run(args);
        assertThat(r.code()).as(String.join(" ", args) + "\n" + r.out()).isZero();
        return oneObject(r.out(), String.join(" ", args));
    }

    /** Parses {@code text} strictly (NaN is not JSON) and checks that it is one object and nothing else. */
    static JsonObject oneObject(String text, String what) {
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement e = JsonParser.parseReader(reader);
            assertThat(reader.peek()).as(what + ": one JSON value, then nothing\n" + text).isEqualTo(JsonToken.END_DOCUMENT);
            assertThat(e.isJsonObject()).as(what + ": an object\n" + text).isTrue();
            return e.getAsJsonObject();
        } catch (IOException | RuntimeException e) {
            throw new AssertionError(what + ": stdout is not one strict JSON object: " + e + "\n" + text, e);
        }
    }

    @Test
    void everyCommandPrintsOneJsonObject() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 12, 16, 4);
        Path img = Files.walk(data).filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        String t = tmp.resolve("tok").toString();
        String p = tmp.resolve("prior").toString();
        Path tokens = tmp.resolve("tokens.vqt");

        assertThat(json("info", "--no-gemm", "--threads", "1", "--json").get("threads").getAsInt()).isEqualTo(1);
        assertThat(json("dataset-info", "--data", data.toString(), "--threads", "1", "--json").get("readableImages").getAsInt())
                .isEqualTo(12);
        JsonObject trained = json("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", t,
                "--steps", "2", "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "2,2,2,2,0", "--threads", "1",
                "--json");
        assertThat(trained.get("steps").getAsInt()).isEqualTo(2);
        assertThat(trained.get("checkpoint").getAsString()).endsWith("checkpoint");
        // No perceptual network: the Frechet distance is not a number, which JSON says as null.
        JsonObject eval = json("eval-tokenizer", "--model", t, "--data", data.toString(), "--validation", "0.5",
                "--threads", "1", "--grid", tmp.resolve("sheet.png").toString(), "--grid-columns", "2", "--json");
        assertThat(eval.get("frechet").isJsonNull()).isTrue();
        assertThat(eval.get("grid").getAsString()).endsWith("sheet.png");
        assertThat(json("encode", "--model", t, img.toString(), "--out", tmp.resolve("g.npy").toString(), "--threads", "1",
                "--json").get("grids").getAsInt()).isEqualTo(1);
        assertThat(json("decode", "--model", t, "--tokens", tmp.resolve("g.npy").toString(), "--out",
                tmp.resolve("d.png").toString(), "--threads", "1", "--json").getAsJsonArray("images")).hasSize(1);
        assertThat(json("reconstruct", "--model", t, img.toString(), "--out", tmp.resolve("r.png").toString(),
                "--threads", "1", "--json").get("psnr").getAsDouble()).isPositive();
        assertThat(json("tokenize", "--model", t, "--data", data.toString(), "--out", tokens.toString(),
                "--validation", "0.4", "--threads", "1", "--json").get("count").getAsInt()).isEqualTo(12);
        JsonObject prior = json("train-prior", "--tokens", tokens.toString(), "--kind", "ar", "--preset", "ar-tiny",
                "--out", p, "--steps", "2", "--batch", "4", "--intervals", "1,2,2,0", "--threads", "1", "--json");
        assertThat(prior.get("steps").getAsInt()).isEqualTo(2);
        assertThat(prior.get("note").getAsString()).contains("bits/token");
        assertThat(json("eval-prior", "--prior", p, "--tokens", tokens.toString(), "--threads", "1", "--json")
                .get("bitsPerToken").getAsDouble()).isPositive();
        assertThat(json("sample", "--tokenizer", t, "--prior", p, "--n", "2", "--out", tmp.resolve("s").toString(),
                "--threads", "1", "--json").getAsJsonArray("images")).hasSize(2);
        assertThat(json("resample", "--tokenizer", t, "--prior", p, "--image", img.toString(), "--region", "0,0,1,1",
                "--n", "2", "--out", tmp.resolve("rs").toString(), "--threads", "1", "--json").getAsJsonArray("candidates"))
                .hasSize(2);
        assertThat(json("nll-map", "--tokenizer", t, "--prior", p, "--image", img.toString(), "--out",
                tmp.resolve("nll.json").toString(), "--threads", "1", "--json").get("meanBits").getAsDouble()).isPositive();
        assertThat(json("probe", "--prior", p, "--tokens", tokens.toString(), "--layers", "1", "--threads", "1", "--json")
                .getAsJsonArray("layers")).hasSize(1);
        assertThat(json("export-model", "--model", t, "--out", tmp.resolve("export").toString(), "--json")
                .get("bytes").getAsLong()).isPositive();
        assertThat(json("bench", "tokenizer", "--preset", "vit-tiny", "--batches", "1", "--iterations", "1",
                "--threads", "1", "--json").getAsJsonArray("rows")).isNotEmpty();
        assertThat(json("bench", "prior", "--preset", "ar-tiny", "--grid", "4", "--codes", "64", "--classes", "2",
                "--iterations", "1", "--threads", "1", "--json").get("arPreset").getAsString()).isEqualTo("ar-tiny");
    }

    @Test
    void aFailureIsOneJsonObjectWithTheErrorAndANonZeroExit() {
        Run missing = run("reconstruct", tmp.resolve("nowhere.png").toString(), "--out", tmp.resolve("r.png").toString(),
                "--threads", "1", "--json");
        assertThat(missing.code()).isEqualTo(1);
        JsonObject o = oneObject(missing.out(), "a missing image");
        assertThat(o.get("error").getAsString()).contains("nowhere.png");
        assertThat(o.get("exit").getAsInt()).isEqualTo(1);

        // A wrong command line (a required option left out) too, with picocli's exit code.
        Run usage = run("reconstruct", tmp.resolve("x.png").toString(), "--json");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(oneObject(usage.out(), "a usage error").get("error").getAsString()).contains("--out");
    }

    @Test
    void nonFiniteNumbersBecomeNullInOutput() {
        String text = Json.output(Map.of("nan", Double.NaN, "inf", new double[] {1.5, Double.POSITIVE_INFINITY},
                "path", tmp.resolve("a.png")));
        JsonObject o = oneObject(text, "Json.output");
        assertThat(o.get("nan").isJsonNull()).isTrue();
        assertThat(o.getAsJsonArray("inf").get(0).getAsDouble()).isEqualTo(1.5);
        assertThat(o.getAsJsonArray("inf").get(1).isJsonNull()).isTrue();
        assertThat(o.get("path").getAsString()).isEqualTo(tmp.resolve("a.png").toString());
    }
}
