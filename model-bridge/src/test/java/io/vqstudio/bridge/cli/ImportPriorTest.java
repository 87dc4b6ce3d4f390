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
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code import-model PRIOR --tokenizer T} on the reference pair of LlamaGen's own code (a tiny
 * class-conditional GPT made for the llamagen-vq fixture's codes), then {@code sample} through the
 * CLI: greedy samples, guided and unguided, are the tokens LlamaGen's generate() produced.
 */
class ImportPriorTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @TempDir
    static Path tmp;

    static Path tokenizer;
    static Path prior;

    @BeforeAll
    static void importThePair() throws Exception {
        tokenizer = tmp.resolve("tokenizer");
        prior = tmp.resolve("prior");
        CliHarness.Result t = CliHarness.run("import-model", Npy.resource("llamagen-vq/vq_ds2_c2i.pt").toString(),
                "--resolution", "32", "--out", tokenizer.toString(), "--threads", "1");
        assertThat(t.code()).as(t.err()).isZero();
        CliHarness.Result p = CliHarness.run("import-model", Npy.resource("llamagen-pair/c2i_pico_32.pt").toString(),
                "--tokenizer", tokenizer.toString(), "--heads", "2", "--out", prior.toString(), "--threads", "1");
        assertThat(p.code()).as(p.err()).isZero();
        assertThat(p.out()).contains("imported c2i_pico_32.pt as a LlamaGen GPT prior").contains("16x16 grids of 256 codes, 6 classes")
                .contains("the grid is the tokenizer's, 16x16");
    }

    @Test
    void theImportedPriorRecordsItsFamilyOriginAndTokenizer() throws Exception {
        JsonObject spec = JsonParser.parseString(Files.readString(prior.resolve("spec.json"))).getAsJsonObject();
        JsonObject tok = JsonParser.parseString(Files.readString(tokenizer.resolve("spec.json"))).getAsJsonObject();
        assertThat(spec.get("kind").getAsString()).isEqualTo("prior");
        assertThat(spec.get("tokenizerId").getAsString()).isEqualTo(tok.get("id").getAsString());
        assertThat(spec.getAsJsonObject("spec").get("family").getAsString()).isEqualTo("llamagen-gpt");
        assertThat(spec.getAsJsonObject("origin").get("file").getAsString()).isEqualTo("c2i_pico_32.pt");
        assertThat(Files.readString(prior.resolve("classes.json"))).contains("class 5");
        assertThat(Files.readString(prior.resolve("MODEL_CARD.md"))).contains("LlamaGen").contains("MIT")
                .contains("Models the codes of tokenizer");
    }

    @ParameterizedTest
    @CsvSource({"0, 4.0, gen_tokens", "1, 4.0, gen_tokens", "0, 1.0, gen_tokens_unguided", "1, 1.0, gen_tokens_unguided"})
    void greedySamplesAreLlamaGensTokens(int row, String cfg, String expected) throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            long cls = Npy.fixture("llamagen-pair/gen_class_ids.npy", m).toLongArray()[row];
            Path out = tmp.resolve("sample-" + row + "-" + cfg);
            CliHarness.Result r = CliHarness.run("sample", "--tokenizer", tokenizer.toString(), "--prior", prior.toString(),
                    "--class", String.valueOf(cls), "--n", "1", "--top-k", "1", "--cfg", cfg, "--out", out.toString(),
                    "--threads", "1");
            assertThat(r.code()).as(r.err()).isZero();
            int[] got = TokenGridFiles.read(out.resolve("tokens.json"), 256).get(0).codes();
            long[] want = Npy.fixture("llamagen-pair/" + expected + ".npy", m).toLongArray();
            long[] wantRow = java.util.Arrays.copyOfRange(want, row * 256, (row + 1) * 256);
            assertThat(java.util.Arrays.stream(got).asLongStream().toArray()).as(expected + " row " + row).containsExactly(wantRow);
        }
    }

    @Test
    void aPriorIsRefusedForATokenizerWhoseCodesItDoesNotModel() throws Exception {
        Path taming = tmp.resolve("taming");
        assertThat(CliHarness.run("import-model", Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt").toString(), "--out",
                taming.toString(), "--threads", "1").code()).isZero();
        CliHarness.Result r = CliHarness.run("import-model", Npy.resource("llamagen-pair/c2i_pico_32.pt").toString(),
                "--tokenizer", taming.toString(), "--heads", "2", "--out", tmp.resolve("refused").toString(), "--threads", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).startsWith("error: c2i_pico_32.pt").doesNotContain("\n").contains("but the tokenizer");
        assertThat(tmp.resolve("refused")).doesNotExist();
    }

    @Test
    void aPriorWithoutItsTokenizerIsAUsageError() {
        CliHarness.Result r = CliHarness.run("import-model", Npy.resource("llamagen-pair/c2i_pico_32.pt").toString(),
                "--out", tmp.resolve("none").toString(), "--threads", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).contains("is a prior: give --tokenizer").doesNotContain("\n");
    }

    /**
     * The foreign file also opens directly beside its tokenizer (converted in memory); this one's
     * heads cannot be read off its weights (head width 8, not LlamaGen's 64), so that is refused in
     * one line naming the file.
     */
    @Test
    void aForeignPriorOpensDirectlyOrSaysWhyNot() {
        CliHarness.Result r = CliHarness.run("sample", "--tokenizer", tokenizer.toString(), "--prior",
                Npy.resource("llamagen-pair/c2i_pico_32.pt").toString(), "--class", "2", "--n", "1", "--out",
                tmp.resolve("direct").toString(), "--threads", "1");
        assertThat(r.code()).isNotZero();
        List<String> errors = r.err().lines().filter(l -> l.startsWith("error:")).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).startsWith("error: c2i_pico_32.pt").contains("give the number of heads (import-model --heads N)");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
}
