package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.train.BlockImages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line face end to end on tiny presets: every stage-1 and stage-2 command a user runs. */
class CliEndToEndTest {

    @TempDir
    Path tmp;

    private String run(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buf, true));
        try {
            int code = Main.run(args);
            assertThat(code).as(String.join(" ", args) + "\n" + buf).isZero();
        } finally {
            System.setOut(old);
        }
        return buf.toString();
    }

    @Test
    void everyCommandRunsOnATinyPipeline() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 12, 16, 4);
        assertThat(run("info", "--no-gemm", "--threads", "1", "--json")).contains("\"libtorchVersion\": \"2.7.1\"").contains("\"threads\": 1");
        assertThat(run("dataset-info", "--data", data.toString(), "--threads", "1")).contains("12 readable");
        String t = tmp.resolve("tok").toString();
        run("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", t, "--steps", "4",
                "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "2,4,4,4,0", "--threads", "1");
        Path sheet = tmp.resolve("figs/sheet.png");
        assertThat(run("eval-tokenizer", "--model", t, "--data", data.toString(), "--validation", "0.5", "--threads", "1",
                "--grid", sheet.toString(), "--grid-with", t, "--grid-columns", "3"))
                .contains("PSNR").contains("codebook usage").contains("reconstructions of 2 tokenizer(s)");
        // Three held-out images over two rows of reconstructions: the same model twice gives the same row.
        java.awt.image.BufferedImage png = javax.imageio.ImageIO.read(sheet.toFile());
        int res = png.getWidth() / 3;
        assertThat(png.getHeight()).isEqualTo(3 * res);
        int[] second = png.getRGB(0, res, 3 * res, res, null, 0, 3 * res);
        assertThat(png.getRGB(0, 2 * res, 3 * res, res, null, 0, 3 * res)).isEqualTo(second);
        assertThat(png.getRGB(0, 0, 3 * res, res, null, 0, 3 * res)).isNotEqualTo(second);
        Path img = Files.walk(data).filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        run("encode", "--model", t, img.toString(), "--out", tmp.resolve("g.npy").toString(), "--threads", "1");
        assertThat(TokenGridFiles.read(tmp.resolve("g.npy"), 64)).hasSize(1);
        run("decode", "--model", t, "--tokens", tmp.resolve("g.npy").toString(), "--out", tmp.resolve("d.png").toString());
        assertThat(tmp.resolve("d.png")).exists();
        assertThat(run("reconstruct", "--model", t, img.toString(), "--out", tmp.resolve("r.png").toString())).contains("PSNR");

        Path tokens = tmp.resolve("tokens.vqt");
        run("tokenize", "--model", t, "--data", data.toString(), "--out", tokens.toString(), "--validation", "0.4",
                "--threads", "1");
        assertThat(TokenFile.readHeader(tokens).count()).isEqualTo(12);
        // A decoder fine-tune (grown by one block) keeps the codes' id and the rest of the spec,
        // and the priors trained on the original's codes sample through it.
        String ft = tmp.resolve("tok-ft").toString();
        run("train-tokenizer", "--finetune-decoder", t, "--decoder-layers", "3", "--data", data.toString(), "--out", ft,
                "--steps", "2", "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "2,2,2,2,0", "--threads", "1");
        JsonObject before = Json.read(Path.of(t, "checkpoint/spec.json"), JsonObject.class);
        JsonObject after = Json.read(Path.of(ft, "checkpoint/spec.json"), JsonObject.class);
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.getAsJsonObject("spec").get("quantizer")).isEqualTo(before.getAsJsonObject("spec").get("quantizer"));
        assertThat(after.getAsJsonObject("spec").get("encoder")).isEqualTo(before.getAsJsonObject("spec").get("encoder"));
        assertThat(after.getAsJsonObject("spec").getAsJsonObject("decoder").get("layers").getAsInt()).isEqualTo(3);
        // A warm start with a grown encoder trains the whole model: new codes, a new id.
        String warm = tmp.resolve("tok-warm").toString();
        run("train-tokenizer", "--init-from", t, "--encoder-layers", "3", "--data", data.toString(), "--out", warm,
                "--steps", "2", "--batch", "4", "--intervals", "2,2,2,2,0", "--threads", "1");
        JsonObject warmed = Json.read(Path.of(warm, "checkpoint/spec.json"), JsonObject.class);
        assertThat(warmed.get("id")).isNotEqualTo(before.get("id"));
        assertThat(warmed.getAsJsonObject("spec").getAsJsonObject("encoder").get("layers").getAsInt()).isEqualTo(3);

        for (String kind : new String[] {"ar", "maskgit"}) {
            String p = tmp.resolve("prior-" + kind).toString();
            run("train-prior", "--tokens", tokens.toString(), "--kind", kind, "--preset", kind + "-tiny", "--out", p,
                    "--steps", "3", "--batch", "4", "--intervals", "1,3,3,0", "--threads", "1");
            assertThat(run("sample", "--tokenizer", t, "--prior", p, "--class-name", "b", "--n", "2", "--cfg", "2",
                    "--out", tmp.resolve("s-" + kind).toString())).contains("of class 1");
            assertThat(tmp.resolve("s-" + kind + "/sample-01.png")).exists();
            assertThat(run("sample", "--tokenizer", ft, "--prior", p, "--n", "1", "--out", tmp.resolve("sft-" + kind).toString()))
                    .contains("wrote 1 samples");
            assertThat(run("resample", "--tokenizer", t, "--prior", p, "--image", img.toString(), "--region", "0,0,1,1",
                    "--n", "2", "--out", tmp.resolve("rs-" + kind).toString())).contains("log-likelihood");
            assertThat(run("resample", "--tokenizer", t, "--prior", p, "--image", img.toString(), "--suffix-from", "12",
                    "--n", "1", "--out", tmp.resolve("sfx-" + kind).toString())).contains("candidate-00.png");
            assertThat(run("probe", "--prior", p, "--tokens", tokens.toString(), "--layers", "1,2", "--threads", "1"))
                    .contains("val acc").containsPattern("(?m)^\\s+2\\s");
            assertThat(run("nll-map", "--tokenizer", t, "--prior", p, "--image", img.toString(),
                    "--out", tmp.resolve("nll-" + kind + ".png").toString())).contains("bits) per token");
        }
        // A resumed prior takes a new schedule; a repeated preset cannot change it and is ignored.
        String p = tmp.resolve("prior-ar").toString();
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            run("train-prior", "--out", p, "--resume", "--steps", "5", "--lr", "1e-3", "--warmup", "0",
                    "--preset", "ar-cpu", "--threads", "1");
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("ignored: --preset");
        JsonObject train = Json.read(Path.of(p, "train.json"), JsonObject.class);
        assertThat(train.get("preset").getAsString()).isEqualTo("ar-tiny");
        assertThat(train.getAsJsonObject("optim").get("lr").getAsFloat()).isEqualTo(1e-3f);
        // The last step (4 of 5) on the new schedule: 2e-4 + 0.5 (1e-3 - 2e-4)(1 + cos(0.8 pi)) = 2.76e-4.
        String lastLog = Files.readAllLines(Path.of(p, "metrics.jsonl")).stream().filter(l -> l.contains("train/lr"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Json.COMPACT.fromJson(lastLog, JsonObject.class).get("train/lr").getAsDouble())
                .isCloseTo(2.76e-4, org.assertj.core.api.Assertions.within(1e-6));
    }

    @Test
    void aResumedTokenizerRunTakesNewScheduleAndLossFlagsButKeepsItsModel() throws Exception {
        Path data = BlockImages.write(tmp.resolve("images"), 8, 16, 4);
        String t = tmp.resolve("tok").toString();
        run("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", t, "--steps", "2", "--batch", "4",
                "--loss-weights", "1,0.1,0,0.1", "--disc-start", "0", "--lr", "1e-3", "--warmup", "0", "--intervals", "1,100,2,100,0",
                "--threads", "1");
        // Continue on the pixel losses with a lower final learning rate; the repeated model and data
        // flags (another preset, another folder) cannot change the run and are ignored.
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            run("train-tokenizer", "--out", t, "--resume", "--steps", "4", "--loss-weights", "1,0.1,0,0", "--min-lr", "1e-5",
                    "--preset", "vit-bb", "--data", tmp.resolve("elsewhere").toString(), "--threads", "1");
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("ignored: --preset, --data");
        JsonObject train = Json.read(Path.of(t, "train.json"), JsonObject.class);
        assertThat(train.get("steps").getAsInt()).isEqualTo(4);
        assertThat(train.get("data").getAsString()).isEqualTo(data.toAbsolutePath().toString());
        JsonObject model = train.getAsJsonObject("model");
        assertThat(model.get("name").getAsString()).isEqualTo("vit-tiny");
        assertThat(model.getAsJsonObject("loss").get("adversarial").getAsFloat()).isZero();
        assertThat(train.getAsJsonObject("optim").get("lr").getAsFloat()).isEqualTo(1e-3f);
        assertThat(train.getAsJsonObject("optim").get("minLr").getAsFloat()).isEqualTo(1e-5f);
        assertThat(Json.read(Path.of(t, "checkpoint/spec.json"), JsonObject.class).get("step").getAsInt()).isEqualTo(4);
        // The last step's learning rate (step 3 of 4: 0.146 of the way from the end to the peak)
        // follows the new schedule: 1.6e-4, where the old one (decay to 5e-4) gives 5.7e-4.
        String lastLog = Files.readAllLines(Path.of(t, "metrics.jsonl")).stream().filter(l -> l.contains("train/lr"))
                .reduce((a, b) -> b).orElseThrow();
        assertThat(Json.COMPACT.fromJson(lastLog, JsonObject.class).get("train/lr").getAsDouble()).isCloseTo(1.55e-4, org.assertj.core.api.Assertions.within(1e-5));
    }

    @Test
    void badInputGivesAnErrorMessageAndANonZeroExitCode() {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true));
        try {
            assertThat(Main.run("dataset-info", "--data", tmp.resolve("nowhere").toString(), "--threads", "1")).isNotZero();
            assertThat(Main.run("train-tokenizer", "--data", tmp.toString(), "--preset", "nope", "--out",
                    tmp.resolve("x").toString())).isNotZero();
            assertThat(Main.run("train-tokenizer", "--data", tmp.toString(), "--finetune-decoder", tmp.toString(),
                    "--lookup-dim", "8", "--out", tmp.resolve("y").toString())).isNotZero();
            assertThat(Main.run("train-tokenizer", "--data", tmp.toString(), "--encoder-layers", "8",
                    "--out", tmp.resolve("z").toString())).isNotZero();
        } finally {
            System.setErr(old);
        }
        assertThat(err.toString()).contains("does not exist").contains("Unknown tokenizer preset 'nope'")
                .contains("--lookup-dim, --codebook-size, --no-l2, --codebook-init and --restart-every would change it")
                .contains("--encoder-layers and --decoder-layers grow the tokenizer of --init-from");
    }
}
