package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.train.BlockImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A vit-tiny tokenizer trained for one step through the CLI, and one of its images: a fixture for CLI tests. */
final class TinyTokenizer {

    private TinyTokenizer() {}

    /** Trains into {@code dir}/tok from images in {@code dir}/images; returns the checkpoint directory. */
    static Path train(Path dir) throws IOException {
        Path data = BlockImages.write(dir.resolve("images"), 8, 16, 7);
        Path run = dir.resolve("tok");
        int code = Main.run("train-tokenizer", "--data", data.toString(), "--preset", "vit-tiny", "--out", run.toString(),
                "--steps", "1", "--batch", "4", "--loss-weights", "1,0.1,0,0", "--intervals", "1,100,1,100,0",
                "--threads", "1", "--json");
        assertThat(code).isZero();
        return run.resolve("checkpoint");
    }

    /** One of the training images. */
    static Path image(Path dir) throws IOException {
        try (var files = Files.walk(dir.resolve("images"))) {
            return files.filter(p -> p.toString().endsWith(".png")).findFirst().orElseThrow();
        }
    }

    /** A copy of checkpoint {@code from} in {@code to}, to break without touching the original. */
    static Path copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String f : new String[] {CheckpointDir.SPEC, CheckpointDir.WEIGHTS, CheckpointDir.CARD}) {
            if (Files.exists(from.resolve(f))) {
                Files.copy(from.resolve(f), to.resolve(f));
            }
        }
        return to;
    }
}
