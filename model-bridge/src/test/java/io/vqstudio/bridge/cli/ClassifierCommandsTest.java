package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.vqstudio.bridge.classifier.PatternImages;
import io.vqstudio.bridge.io.Json;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * train-classifier, eval-classifier and eval-samples end to end on generated images and tiny
 * models, and the one-line refusals of a wrong checkpoint and of classes that do not match.
 */
class ClassifierCommandsTest {

    @TempDir
    Path tmp;

    private static JsonObject json(CliHarness.Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isZero();
        return Json.GSON.fromJson(r.out(), JsonObject.class);
    }

    /** The one error line of a failed command, after checking that it failed with nothing else said. */
    private static String error(CliHarness.Result r) {
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(1);
        List<String> lines = r.err().lines().filter(l -> !l.startsWith("device: ")).toList();
        assertThat(lines).as(r.err()).hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ");
        return lines.get(0);
    }

    @Test
    void aClassifierTrainedOnIdxFilesScoresATestSetPerClass() throws Exception {
        Path train = PatternImages.idx(tmp.resolve("idx"), "train", 30, 1);
        Path test = PatternImages.idx(tmp.resolve("idx"), "t10k", 10, 2);
        String run = tmp.resolve("cls").toString();
        JsonObject trained = json(CliHarness.run("train-classifier", "--data", train.toString(), "--out", run,
                "--steps", "40", "--batch", "16", "--resolution", "28", "--width", "8", "--validation", "0.2",
                "--lr", "3e-3", "--warmup", "5", "--threads", "1", "--json"));
        assertThat(trained.get("steps").getAsInt()).isEqualTo(40);
        assertThat(trained.get("accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.9);
        // IDX labels are the classes 0..9; these files hold images of the first three only.
        assertThat(trained.getAsJsonArray("classes")).hasSize(10);

        // A resumed run takes a new length; the data it was started on stay, and a repeated --data is ignored.
        CliHarness.Result resumed = CliHarness.run("train-classifier", "--out", run, "--resume", "--steps", "42",
                "--data", test.toString(), "--threads", "1", "--json");
        assertThat(json(resumed).get("steps").getAsInt()).isEqualTo(42);
        assertThat(resumed.err()).contains("ignored: --data");

        JsonObject eval = json(CliHarness.run("eval-classifier", "--classifier", run, "--data", test.toString(),
                "--threads", "1", "--json"));
        assertThat(eval.getAsJsonObject("overall").get("images").getAsInt()).isEqualTo(30);
        assertThat(eval.getAsJsonObject("overall").get("accuracy").getAsDouble()).isGreaterThanOrEqualTo(0.9);
        JsonArray classes = eval.getAsJsonArray("classes");
        assertThat(classes).hasSize(3);
        assertThat(classes.get(2).getAsJsonObject().get("name").getAsString()).isEqualTo("2");
        assertThat(classes.get(2).getAsJsonObject().get("images").getAsInt()).isEqualTo(10);
        CliHarness.Result text = CliHarness.run("eval-classifier", "--classifier", run, "--data", test.toString(),
                "--threads", "1");
        assertThat(text.out()).containsPattern("(?m)^1 +10 +\\d+\\.\\d\\d%$").containsPattern("(?m)^overall +30 ");
    }

    /** --classes trains on a subset of the data's classes, in the order given, and a resumed run keeps it. */
    @Test
    void aClassifierLearnsOnlyTheClassesGiven() throws Exception {
        Path images = PatternImages.folders(tmp.resolve("images"), PatternImages.CLASSES, 6, 16, 7);
        String run = tmp.resolve("subset").toString();
        JsonObject trained = json(CliHarness.run("train-classifier", "--data", images.toString(), "--out", run,
                "--classes", "vertical,centre", "--steps", "3", "--batch", "4", "--resolution", "16", "--width", "8",
                "--validation", "0", "--threads", "1", "--json"));
        assertThat(trained.getAsJsonArray("classes").asList()).extracting(JsonElement::getAsString)
                .containsExactly("vertical", "centre");
        CliHarness.Result resumed = CliHarness.run("train-classifier", "--out", run, "--resume", "--steps", "4",
                "--classes", "horizontal", "--threads", "1", "--json");
        assertThat(json(resumed).getAsJsonArray("classes").asList()).extracting(JsonElement::getAsString)
                .containsExactly("vertical", "centre");
        assertThat(resumed.err()).contains("ignored: --classes");
        JsonObject eval = json(CliHarness.run("eval-classifier", "--classifier", run, "--data", images.toString(),
                "--threads", "1", "--json"));
        assertThat(eval.getAsJsonObject("overall").get("images").getAsInt()).isEqualTo(12); // horizontal left out
    }

    @Test
    void evalSamplesScoresEveryClassOfATinyPriorAgainstReferenceImages() throws Exception {
        Path images = PatternImages.folders(tmp.resolve("images"), PatternImages.CLASSES, 8, 16, 5);
        String tok = tmp.resolve("tok").toString();
        json(CliHarness.run("train-tokenizer", "--data", images.toString(), "--preset", "vit-tiny", "--out", tok,
                "--steps", "1", "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "1,100,1,100,0",
                "--threads", "1", "--json"));
        Path tokens = tmp.resolve("tokens.vqt");
        json(CliHarness.run("tokenize", "--model", tok, "--data", images.toString(), "--out", tokens.toString(),
                "--validation", "0.2", "--threads", "1", "--json"));
        String prior = tmp.resolve("prior").toString();
        json(CliHarness.run("train-prior", "--tokens", tokens.toString(), "--kind", "ar", "--preset", "ar-tiny",
                "--out", prior, "--steps", "2", "--batch", "4", "--intervals", "1,2,2,0", "--threads", "1", "--json"));
        String cls = tmp.resolve("cls").toString();
        json(CliHarness.run("train-classifier", "--data", images.toString(), "--out", cls, "--steps", "10",
                "--batch", "8", "--resolution", "16", "--width", "8", "--threads", "1", "--json"));

        JsonObject r = json(CliHarness.run("eval-samples", "--tokenizer", tok, "--prior", prior, "--classifier", cls,
                "--per-class", "3", "--reference", images.toString(), "--cfg", "2", "--threads", "1", "--json"));
        JsonArray classes = r.getAsJsonArray("classes");
        assertThat(classes).hasSize(3);
        for (int i = 0; i < 3; i++) {
            JsonObject c = classes.get(i).getAsJsonObject();
            assertThat(c.get("name").getAsString()).isEqualTo(PatternImages.CLASSES.get(i));
            assertThat(c.get("classifierClass").getAsInt()).isEqualTo(i);
            assertThat(c.get("samples").getAsInt()).isEqualTo(3);
            assertThat(c.get("correct").getAsInt()).isBetween(0, 3);
            assertThat(c.get("reference").getAsInt()).isEqualTo(8);
        }
        assertThat(r.getAsJsonObject("overall").get("samples").getAsInt()).isEqualTo(9);
        assertThat(r.get("referenceImages").getAsInt()).isEqualTo(24);
        assertThat(r.get("matchedByName").getAsBoolean()).isTrue();
        assertThat(r.get("frechetDistance").getAsDouble()).isPositive();
        assertThat(r.getAsJsonArray("notices")).isEmpty();

        CliHarness.Result text = CliHarness.run("eval-samples", "--tokenizer", tok, "--prior", prior, "--classifier", cls,
                "--per-class", "2", "--threads", "1");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("classes matched by name").containsPattern("(?m)^vertical +2 ")
                .containsPattern("(?m)^overall +6 ").doesNotContain("Frechet");

        // A tokenizer given as the classifier, and a classifier of other classes: one line naming the file.
        assertThat(error(CliHarness.run("eval-samples", "--tokenizer", tok, "--prior", prior, "--classifier", tok,
                "--per-class", "1", "--threads", "1"))).contains(tok).endsWith("holds a tokenizer, not a classifier");
        Path others = PatternImages.folders(tmp.resolve("others"), List.of("cat", "dog"), 4, 16, 6);
        String otherCls = tmp.resolve("other-cls").toString();
        json(CliHarness.run("train-classifier", "--data", others.toString(), "--out", otherCls, "--steps", "1",
                "--batch", "4", "--resolution", "16", "--width", "8", "--validation", "0", "--threads", "1", "--json"));
        assertThat(error(CliHarness.run("eval-samples", "--tokenizer", tok, "--prior", prior, "--classifier", otherCls,
                "--per-class", "1", "--threads", "1"))).startsWith("error: " + otherCls + " classifies ['cat', 'dog'], but "
                        + "none of the 3 classes of the prior at ").endsWith("is one of them by name");
        assertThat(error(CliHarness.run("eval-classifier", "--classifier", prior, "--data", images.toString(),
                "--threads", "1"))).contains(prior).endsWith("holds a prior, not a classifier");
    }
}
