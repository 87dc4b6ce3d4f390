package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.Inferred;
import static io.vqstudio.bridge.taming.ReferenceInputs.assertClose;
import static io.vqstudio.bridge.taming.ReferenceInputs.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * taming-transformers' VQGAN opened from the reference fixtures (saved and run by taming's own
 * code, see each folder's manifest.json) gives taming's latents, codes and images: codes exactly,
 * floats within the manifest's {@code suggested_atol} (20x taming's own float32-vs-float64 gap).
 */
class TamingVqganReferenceTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    private static TamingVqganTokenizer model;

    /** The fixture model, loaded once: spec from the weights and the model.yaml beside them. */
    private static TamingVqganTokenizer model() throws Exception {
        if (model == null) {
            Path ckpt = Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt");
            StateDict sd = TorchFile.read(ckpt).stateDict();
            TamingVqganSpec spec = TamingVqganSpec.infer(sd, TamingYaml.read(TamingYaml.findBeside(ckpt))).spec();
            model = TamingVqganTokenizer.load(sd, spec, ENGINE.manager());
        }
        return model;
    }

    @Test
    void specComesFromTheWeightsAndTheConfigBesideThem() throws Exception {
        Path ckpt = Npy.resource("taming-vqgan/checkpoints/last-legacy.ckpt");
        Inferred<TamingVqganSpec> found = TamingVqganSpec.infer(TorchFile.read(ckpt).stateDict(),
                TamingYaml.read(TamingYaml.findBeside(ckpt)));
        assertThat(found.spec()).isEqualTo(new TamingVqganSpec("taming-vqgan", 32, 32, List.of(1, 2), 1, List.of(16), 16, 16, 64));
        assertThat(found.spec().attnLevels()).containsExactly(1);
        assertThat(found.explain()).contains("model.yaml", "ch_mult [1, 2]", "64 codes of 16", "squared Euclidean");
        assertThat(model().gridSize()).isEqualTo(16);
        assertThat(model().codebookSize()).isEqualTo(64);
    }

    @Test
    void latentsCodesAndImagesMatchTaming() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            NDArray x = Npy.fixture("taming-vqgan/x.npy", m);                                   // (2, 3, 32, 32)
            TamingVqganTokenizer tok = model();
            assertClose(tok.latents(x), Npy.fixture("taming-vqgan/z.npy", m), 3e-5, "z");
            NDArray codes = tok.encode(x);                                                       // (2, 16, 16)
            NDArray expected = Npy.fixture("taming-vqgan/codes.npy", m);
            assertSame(codes, expected, "codes");
            assertClose(tok.codeVectors(codes), Npy.fixture("taming-vqgan/quant.npy", m), 1e-5, "quant");
            NDArray decoded = tok.decodeLatents(tok.codeVectors(expected));
            assertClose(decoded, Npy.fixture("taming-vqgan/decoded_from_codes.npy", m), 2e-4, "decoded_from_codes");
            assertThat(tok.decode(expected).toFloatArray()).containsExactly(decoded.clip(-1f, 1f).toFloatArray());
            assertClose(tok.decodeLatents(tok.codeVectors(codes)), Npy.fixture("taming-vqgan/reconstruction.npy", m), 2e-4,
                    "reconstruction");
        }
    }

    @Test
    void pngInputsReadByTheEngineGiveTamingsCodes() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            NDArray x = ReferenceInputs.pngs("taming-vqgan", 32, m);
            NDArray codes = model().encode(x);
            assertSame(codes, Npy.fixture("taming-vqgan/codes_png.npy", m), "codes_png");
            assertClose(model().decodeLatents(model().codeVectors(codes)), Npy.fixture("taming-vqgan/reconstruction_png.npy", m),
                    2e-4, "reconstruction_png");
        }
    }

    @Test
    void theFirstStageOfATamingTransformerOpensUnderItsPrefix() throws Exception {
        Path ckpt = Npy.resource("taming-cond-transformer/checkpoints/last.ckpt");
        StateDict sd = TorchFile.read(ckpt).stateDict();
        Inferred<TamingVqganSpec> found = TamingVqganSpec.infer(sd, TamingYaml.read(TamingYaml.findBeside(ckpt)));
        assertThat(found.spec()).isEqualTo(new TamingVqganSpec("taming-cond-transformer", 8, 32, List.of(1, 1), 1, List.of(4), 8, 8, 64));
        assertThat(found.explain()).contains("'first_stage_model.'");
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingVqganTokenizer tok = TamingVqganTokenizer.load(sd, found.spec(), m);
            NDArray codes = tok.encode(ReferenceInputs.pngs("taming-cond-transformer", 8, m));
            assertSame(codes, Npy.fixture("taming-cond-transformer/codes_png.npy", m), "codes_png");
            assertClose(tok.decodeLatents(tok.codeVectors(codes)), Npy.fixture("taming-cond-transformer/reconstruction_png.npy", m),
                    5e-5, "reconstruction_png");
        }
    }
}
