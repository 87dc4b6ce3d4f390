package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees on stderr from ordinary commands, each in a fresh JVM (libtorch prints its
 * warnings once per process, so a JVM that other tests warmed up would hide them): no libtorch
 * warning, no DJL log line, no carriage return when stderr is not a terminal.
 */
class CleanStderrTest {

    @TempDir
    Path tmp;

    /** Runs the CLI in a child JVM on this test's classpath; returns its stderr. */
    private String childStderr(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path err = tmp.resolve("stderr-" + args[0] + ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished: " + command).isTrue();
        String text = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(String.join(" ", args) + "\n" + text).isZero();
        return text;
    }

    @Test
    void loadingAModelAndTrainingPrintNoEngineWarningsOrLogLines() throws Exception {
        Path tokenizer = TinyTokenizer.train(tmp);
        Path image = TinyTokenizer.image(tmp);

        // Loading weights was where DJL's JNI raised libtorch's AutoNonVariableTypeMode warning.
        String reconstruct = childStderr("reconstruct", "--model", tokenizer.toString(), image.toString(),
                "--out", tmp.resolve("r.png").toString(), "--threads", "1");
        // Training sets the codebook from data (another in-place write) and shows progress.
        String train = childStderr("train-tokenizer", "--data", tmp.resolve("images").toString(), "--preset", "vit-tiny",
                "--out", tmp.resolve("run").toString(), "--steps", "2", "--batch", "4", "--loss-weights", "1,0.1,0,0",
                "--intervals", "1,100,2,100,0", "--threads", "1");

        // Another project's checkpoint, converted in memory: its weights are copied in too.
        Path taming = Path.of("src/test/resources/reference/taming-vqgan");
        String imported = childStderr("reconstruct", "--model", taming.resolve("checkpoints/last-legacy.ckpt").toString(),
                taming.resolve("inputs/img-0.png").toString(), "--out", tmp.resolve("t.png").toString(), "--threads", "1");
        assertThat(imported).contains("Converting last-legacy.ckpt");

        for (String stderr : List.of(reconstruct, train, imported)) {
            assertThat(stderr).doesNotContain("AutoNonVariableTypeMode").doesNotContain("Warning:")
                    .doesNotContain("INFO ai.djl").doesNotContain("WARN ai.djl").doesNotContain("\r");
        }
        assertThat(train).contains("train tokenizer 2/2 steps (100%)");
    }
}
