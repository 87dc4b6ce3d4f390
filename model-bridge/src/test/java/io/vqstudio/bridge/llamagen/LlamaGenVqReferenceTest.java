package io.vqstudio.bridge.llamagen;

import static io.vqstudio.bridge.taming.ReferenceInputs.assertClose;
import static io.vqstudio.bridge.taming.ReferenceInputs.assertSame;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.taming.ReferenceInputs;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LlamaGen's VQ tokenizer opened from the reference fixtures (saved and run by LlamaGen's own code,
 * see reference/llamagen-vq/manifest.json) gives LlamaGen's latents, codes and images: codes exactly,
 * floats within the manifest's {@code suggested_atol}; the float16 copy against its own arrays.
 */
class LlamaGenVqReferenceTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    private static LlamaGenVqTokenizer load(String file, NDManager m) throws Exception {
        StateDict sd = TorchFile.read(Npy.resource("llamagen-vq/" + file)).stateDict();
        LlamaGenVqSpec spec = LlamaGenVqSpec.infer(sd).spec().withResolution(32);
        return LlamaGenVqTokenizer.load(sd, spec, m);
    }

    @Test
    void specComesFromTheWeightsAndSaysWhatItAssumes() throws Exception {
        Inferred<LlamaGenVqSpec> found = LlamaGenVqSpec.infer(TorchFile.read(Npy.resource("llamagen-vq/vq_ds2_c2i.pt")).stateDict());
        assertThat(found.spec()).isEqualTo(new LlamaGenVqSpec("vq_ds2_c2i", 256, 32, List.of(1, 1), List.of(1, 1), 2, 16, 256, 8));
        assertThat(found.spec().gridSize()).isEqualTo(128);
        assertThat(found.explain()).contains("resolution 256 px is assumed", "l2-normalised", "codebook_used", "256 codes of 8");
    }

    @Test
    void latentsCodesAndImagesMatchLlamaGen() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGenVqTokenizer tok = load("vq_ds2_c2i.pt", m);
            NDArray x = Npy.fixture("llamagen-vq/x.npy", m);                                    // (2, 3, 32, 32)
            assertClose(tok.latents(x), Npy.fixture("llamagen-vq/z.npy", m), 4e-5, "z");
            NDArray codes = tok.encode(x);                                                       // (2, 16, 16)
            NDArray expected = Npy.fixture("llamagen-vq/codes.npy", m);
            assertSame(codes, expected, "codes");
            assertClose(tok.codeVectors(codes), Npy.fixture("llamagen-vq/quant.npy", m), 1e-5, "quant");
            NDArray decoded = tok.decodeLatents(tok.codeVectors(expected));
            assertClose(decoded, Npy.fixture("llamagen-vq/decoded_from_codes.npy", m), 8e-5, "decoded_from_codes");
            assertThat(tok.decode(expected).toFloatArray()).containsExactly(decoded.clip(-1f, 1f).toFloatArray());
            assertClose(tok.decodeLatents(tok.codeVectors(codes)), Npy.fixture("llamagen-vq/reconstruction.npy", m), 2e-4,
                    "reconstruction");
        }
    }

    @ParameterizedTest
    @CsvSource({"vq_ds2_c2i.pt, '', 1e-4", "vq_ds2_c2i-fp16.pt, _fp16, 1e-4"})
    void pngInputsReadByTheEngineGiveLlamaGensCodes(String file, String suffix, double atol) throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGenVqTokenizer tok = load(file, m);
            NDArray codes = tok.encode(ReferenceInputs.pngs("llamagen-vq", 32, m));
            assertSame(codes, Npy.fixture("llamagen-vq/codes_png" + suffix + ".npy", m), "codes_png" + suffix);
            if (suffix.isEmpty()) {
                assertClose(tok.decodeLatents(tok.codeVectors(codes)), Npy.fixture("llamagen-vq/reconstruction_png.npy", m), atol,
                        "reconstruction_png");
            }
        }
    }

    @Test
    void theFloat16CopyMatchesItsOwnArrays() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGenVqTokenizer tok = load("vq_ds2_c2i-fp16.pt", m);
            NDArray x = Npy.fixture("llamagen-vq/x.npy", m);
            NDArray codes = tok.encode(x);
            assertSame(codes, Npy.fixture("llamagen-vq/codes_fp16.npy", m), "codes_fp16");
            NDArray expected = Npy.fixture("llamagen-vq/codes_fp16.npy", m);
            assertClose(tok.decodeLatents(tok.codeVectors(expected)), Npy.fixture("llamagen-vq/decoded_from_codes_fp16.npy", m),
                    9e-5, "decoded_from_codes_fp16");
            assertClose(tok.decodeLatents(tok.codeVectors(codes)), Npy.fixture("llamagen-vq/reconstruction_fp16.npy", m), 1e-4,
                    "reconstruction_fp16");
        }
    }
}
