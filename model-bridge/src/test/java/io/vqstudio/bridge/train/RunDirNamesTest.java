package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** RunDir is the only code that knows the names of a run directory's files (engine and app sources). */
class RunDirNamesTest {

    private static final List<String> NAMES = List.of("\"train.json\"", "\"metrics.jsonl\"", "\"previews\"",
            "\"studio-run.json\"", "\"tokens.vqt\"");

    @Test
    void noSourceButRunDirSpellsARunsFileNames() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : List.of(Path.of("src/main/java"), Path.of("../app/src/main/java"))) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    for (String name : NAMES) {
                        if (text.contains(name) && !f.endsWith(Path.of("train", "RunDir.java"))) {
                            found.add(f + ": " + name);
                        }
                    }
                }
            }
        }
        assertThat(found).isEmpty();
        assertThat(Files.readString(Path.of("src/main/java/io/vqstudio/bridge/train/RunDir.java")))
                .contains(NAMES.toArray(String[]::new));
    }
}
