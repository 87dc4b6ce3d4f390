package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.train.BlockImages;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.torchsave.DType;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import-model} and {@code --model FILE} on each imported family's reference fixture
 * (tiny random-weight checkpoints saved by the projects' own code): the codes of the fixture's
 * PNGs, through the CLI, are the ones the reference computed; the checkpoint names its family
 * and origin, and its card the source and licence.
 */
class ImportModelTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @TempDir
    Path tmp;

    @Test
    void tamingVqganImportsAndEncodesToTheReferenceCodes() throws Exception {
        Path ckpt = importsAndEncodes("taming-vqgan", "checkpoints/last-legacy.ckpt", "taming-vqgan", "MIT");
        assertCodes(encode(ckpt, "taming-vqgan", "direct.npy"), "taming-vqgan"); // the foreign file directly
    }

    @Test
    void llamaGenVqImportsAtTheFixturesSideAndEncodesToTheReferenceCodes() throws Exception {
        importsAndEncodes("llamagen-vq", "vq_ds2_c2i.pt", "llamagen-vq", "MIT", "--resolution", "32");
        // float16 weights stay float16 in the checkpoint, and give LlamaGen's float16 codes.
        Path out = tmp.resolve("fp16");
        CliHarness.Result r = CliHarness.run("import-model", Npy.resource("llamagen-vq/vq_ds2_c2i-fp16.pt").toString(),
                "--resolution", "32", "--out", out.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(TorchFile.read(out.resolve("model.safetensors")).stateDict().tensors().values())
                .allMatch(t -> t.dtype() == DType.FLOAT16);
        assertCodesAre(encode(out, "llamagen-vq", "fp16.npy"), "llamagen-vq/codes_png_fp16.npy");
    }

    @Test
    void enhancingVitvqImportsAndEncodesToTheReferenceCodes() throws Exception {
        Path ckpt = importsAndEncodes("enhancing-vitvq", "checkpoints/imagenet_vitvq_small-epoch=09.ckpt", "enhancing-vitvq", "MIT");
        assertCodes(encode(ckpt, "enhancing-vitvq", "direct.npy"), "enhancing-vitvq");
    }

    @Test
    void anImportedTokenizerIsEvaluatedAndTokenizesADatasetButIsNotTrained() throws Exception {
        Path ckpt = Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt");
        Path out = tmp.resolve("imported");
        assertThat(CliHarness.run("import-model", ckpt.toString(), "--out", out.toString(), "--threads", "1").code()).isZero();
        Path images = BlockImages.write(tmp.resolve("images"), 8, 16, 7);

        CliHarness.Result eval = CliHarness.run("eval-tokenizer", "--model", out.toString(), "--data", images.toString(),
                "--validation", "0.5", "--threads", "1", "--json");
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("\"psnr\"");
        Path tokens = tmp.resolve("tokens.vqt");
        CliHarness.Result tok = CliHarness.run("tokenize", "--model", ckpt.toString(), "--data", images.toString(),
                "--out", tokens.toString(), "--threads", "1");
        assertThat(tok.code()).as(tok.err()).isZero();
        TokenFile.Header h = TokenFile.read(tokens).header();
        assertThat(h.gridSize()).isEqualTo(16);
        // Tokenized from the file itself, yet under the imported checkpoint's id: priors of one fit the other.
        assertThat(h.tokenizerId()).isEqualTo(JsonParser.parseString(Files.readString(out.resolve("spec.json")))
                .getAsJsonObject().get("id").getAsString());

        CliHarness.Result train = CliHarness.run("train-tokenizer", "--data", images.toString(), "--finetune-decoder",
                out.toString(), "--out", tmp.resolve("run").toString(), "--steps", "1", "--threads", "1");
        assertThat(train.code()).isNotZero();
        assertThat(train.err().lines().filter(l -> l.startsWith("error:")).toList()).singleElement().asString()
                .contains("holds a taming VQGAN imported from another project; only tokenizers trained here");
        assertThat(tmp.resolve("run")).doesNotExist();
    }

    @Test
    void theStudioSeesAForeignTokenizerFileAsATokenizer() throws Exception {
        assertThat(VqBridge.checkpointKind(Npy.resource("enhancing-vitvq/checkpoints/imagenet_vitvq_small-epoch=09.ckpt")))
                .isEqualTo("tokenizer");
    }

    @Test
    void aFileOfNoImportedFamilyIsRefusedInOneSentenceListingWhatItHolds() throws Exception {
        Path other = tmp.resolve("other.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            io.vqstudio.bridge.io.SafeTensors.write(other, java.util.Map.of("net.w", m.ones(new ai.djl.ndarray.types.Shape(3))),
                    java.util.Map.of(), io.vqstudio.bridge.io.SafeTensors.Storage.F32);
        }
        CliHarness.Result r = CliHarness.run("import-model", other.toString(), "--out", tmp.resolve("x").toString(), "--threads", "1");
        assertThat(r.code()).isNotZero();
        List<String> errors = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0)).contains("other.safetensors: is not a model of a family VQ Studio imports (tokenizers: taming VQGAN,")
                .contains("priors: LlamaGen GPT").contains("weights start with").doesNotContain("Exception");
        assertThat(tmp.resolve("x")).doesNotExist();
    }

    /** Imports {@code folder/file}, checks spec.json and the card, encodes and reconstructs; returns the source file. */
    private Path importsAndEncodes(String folder, String file, String family, String licence, String... extra) throws Exception {
        Path ckpt = Npy.resource(folder + "/" + file);
        Path out = tmp.resolve(folder);
        List<String> args = new ArrayList<>(List.of("import-model", ckpt.toString(), "--out", out.toString(), "--threads", "1"));
        args.addAll(List.of(extra));
        CliHarness.Result r = CliHarness.run(args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("imported " + ckpt.getFileName());

        JsonObject spec = JsonParser.parseString(Files.readString(out.resolve("spec.json"))).getAsJsonObject();
        assertThat(spec.getAsJsonObject("spec").get("family").getAsString()).isEqualTo(family);
        JsonObject origin = spec.getAsJsonObject("origin");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(ckpt)));
        assertThat(origin.get("sha256").getAsString()).isEqualTo(sha);
        assertThat(origin.get("file").getAsString()).isEqualTo(ckpt.getFileName().toString());
        assertThat(origin.get("bytes").getAsLong()).isEqualTo(Files.size(ckpt));
        assertThat(spec.get("id").getAsString()).isEqualTo(sha.substring(0, 16));
        assertThat(Files.readString(out.resolve("MODEL_CARD.md"))).contains("Licence:", licence, origin.get("project").getAsString());

        assertCodes(encode(out, folder, "codes.npy"), folder);
        Path png = tmp.resolve(folder + "-rec.png");
        CliHarness.Result rec = CliHarness.run("reconstruct", "--model", out.toString(),
                Npy.resource(folder + "/inputs/img-0.png").toString(), "--out", png.toString(), "--threads", "1");
        assertThat(rec.code()).as(rec.err()).isZero();
        assertThat(png).isRegularFile();
        return ckpt;
    }

    /** Encodes the fixture's two PNGs with {@code model} (a checkpoint, or a foreign file: then a notice says it converts). */
    private Path encode(Path model, String folder, String name) {
        Path out = tmp.resolve(folder + "-" + name);
        CliHarness.Result r = CliHarness.run("encode", "--model", model.toString(),
                Npy.resource(folder + "/inputs/img-0.png").toString(), Npy.resource(folder + "/inputs/img-1.png").toString(),
                "--out", out.toString(), "--threads", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err().contains("Converting " + model.getFileName())).isEqualTo(Files.isRegularFile(model));
        return out;
    }

    private static void assertCodes(Path npy, String folder) throws Exception {
        assertCodesAre(npy, folder + "/codes_png.npy");
    }

    /** The grids in {@code npy} (as the CLI wrote them) are the reference's {@code fixture}, code for code. */
    private static void assertCodesAre(Path npy, String fixture) throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            long[] expected = Npy.fixture(fixture, m).toLongArray();
            long[] codes = TokenGridFiles.read(npy, 1 << 16).stream().flatMapToInt(g -> IntStream.of(g.codes()))
                    .asLongStream().toArray();
            assertThat(codes).containsExactly(expected);
        }
    }
}
