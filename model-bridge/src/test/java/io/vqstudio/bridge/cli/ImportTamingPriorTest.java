package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.taming.Npy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code import-model} on taming-transformers' class-conditional transformer (the reference fixture
 * saved by its own code): one file gives OUT/tokenizer (its first stage) and OUT/prior, paired;
 * greedy samples through the CLI are the reference's; guidance and unconditional sampling are refused.
 */
class ImportTamingPriorTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @TempDir
    static Path tmp;

    static Path out;

    @BeforeAll
    static void importTheFile() {
        out = tmp.resolve("cin");
        CliHarness.Result r = CliHarness.run("import-model",
                Npy.resource("taming-cond-transformer/checkpoints/last.ckpt").toString(), "--out", out.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported its first stage as a taming VQGAN").contains("as a taming transformer prior");
    }

    @Test
    void theTwoHalvesArePaired() throws Exception {
        JsonObject tok = JsonParser.parseString(Files.readString(out.resolve("tokenizer/spec.json"))).getAsJsonObject();
        JsonObject prior = JsonParser.parseString(Files.readString(out.resolve("prior/spec.json"))).getAsJsonObject();
        assertThat(prior.get("tokenizerId").getAsString()).isEqualTo(tok.get("id").getAsString());
        assertThat(prior.getAsJsonObject("spec").get("family").getAsString()).isEqualTo("taming-gpt");
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void greedySamplesAreTamingsTokens(int row) throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            long cls = Npy.fixture("taming-cond-transformer/class_ids.npy", m).toLongArray()[row];
            Path s = tmp.resolve("sample-" + row);
            CliHarness.Result r = CliHarness.run("sample", "--tokenizer", out.resolve("tokenizer").toString(), "--prior",
                    out.resolve("prior").toString(), "--class", String.valueOf(cls), "--n", "1", "--top-k", "1", "--out",
                    s.toString(), "--threads", "1");
            assertThat(r.code()).as(r.err()).isZero();
            int[] got = TokenGridFiles.read(s.resolve("tokens.json"), 64).get(0).codes();
            long[] want = Npy.fixture("taming-cond-transformer/greedy_tokens.npy", m).toLongArray();
            assertThat(Arrays.stream(got).asLongStream().toArray()).containsExactly(Arrays.copyOfRange(want, row * 16, row * 16 + 16));
        }
    }

    @Test
    void guidanceAndUnconditionalSamplingAreRefusedInASentence() {
        CliHarness.Result guided = CliHarness.run("sample", "--tokenizer", out.resolve("tokenizer").toString(), "--prior",
                out.resolve("prior").toString(), "--class", "3", "--cfg", "2", "--out", tmp.resolve("g").toString(), "--threads", "1");
        assertThat(guided.code()).isNotZero();
        assertThat(guided.err()).contains("cannot be guided").doesNotContain("\tat ");
        CliHarness.Result none = CliHarness.run("sample", "--tokenizer", out.resolve("tokenizer").toString(), "--prior",
                out.resolve("prior").toString(), "--out", tmp.resolve("u").toString(), "--threads", "1");
        assertThat(none.code()).isNotZero();
        assertThat(none.err()).contains("choose a class").doesNotContain("\tat ");
    }
}
