package io.vqstudio.bridge.family;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.cli.Main;
import io.vqstudio.bridge.cnn.CnnVqganSpec;
import io.vqstudio.bridge.cnn.VqVaeSpec;
import io.vqstudio.bridge.train.BlockImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints and run directories written before families had names (test resources
 * {@code legacy/}, made by that code; see its README): their spec says {@code architecture}, and
 * they still open, run and resume.
 */
class LegacyLayoutTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    static Path legacy(String name) throws Exception {
        return Path.of(LegacyLayoutTest.class.getResource("/legacy/" + name).toURI());
    }

    @Test
    void anOldVqVaeCheckpointOpensAsItsFamilyAndRuns() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            TokenizerStore.Opened o = TokenizerStore.open(legacy("vqvae-tiny"), m);
            assertThat(o.spec()).isInstanceOf(VqVaeSpec.class);
            assertThat(o.spec().family()).isEqualTo("vqvae");
            NDArray codes = o.tokenizer().encode(m.randomUniform(-1, 1, new Shape(2, 3, 16, 16)));
            assertThat(codes.getShape()).isEqualTo(new Shape(2, 8, 8));
            assertThat(o.tokenizer().decode(codes).getShape()).isEqualTo(new Shape(2, 3, 16, 16));
        }
    }

    @Test
    void anOldRunDirectoryResumesAndItsNewCheckpointNamesItsFamily(@TempDir Path tmp) throws Exception {
        Path run = tmp.resolve("run");
        copyTree(legacy("cnn-tiny-run"), run);
        Path images = BlockImages.write(tmp.resolve("images"), 8, 16, 7);
        // The run was made elsewhere: point its data at this copy of the same images; the model stays as written.
        JsonObject train = JsonParser.parseString(Files.readString(run.resolve("train.json"))).getAsJsonObject();
        assertThat(train.getAsJsonObject("model").get("architecture").getAsString()).isEqualTo("CNN_VQGAN");
        train.addProperty("data", images.toString());
        Files.writeString(run.resolve("train.json"), train.toString());

        int code = Main.run("train-tokenizer", "--out", run.toString(), "--resume", "--steps", "2", "--threads", "1", "--json");

        assertThat(code).isZero();
        JsonObject spec = JsonParser.parseString(Files.readString(run.resolve("checkpoint/spec.json"))).getAsJsonObject();
        assertThat(spec.get("step").getAsLong()).isEqualTo(2);
        assertThat(spec.getAsJsonObject("spec").get("family").getAsString()).isEqualTo(CnnVqganSpec.FAMILY);
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(TokenizerStore.load(run, m).tokenizer().spec()).isInstanceOf(CnnVqganSpec.class);
        }
    }

    static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }
}
