package io.vqstudio.bridge.taminggpt;

import static io.vqstudio.bridge.taming.ReferenceInputs.assertClose;
import static io.vqstudio.bridge.taming.ReferenceInputs.assertSame;
import static io.vqstudio.bridge.taminggpt.TamingGptFixture.DIR;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.family.ModelImport;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.taming.ReferenceInputs;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import io.vqstudio.bridge.taming.TamingVqganTokenizer;
import io.vqstudio.bridge.taming.TamingYaml;
import io.vqstudio.bridge.torchsave.StateDict;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * taming's class-conditional transformer opened from the reference fixture (saved and run by taming's own
 * code, see reference/taming-cond-transformer/manifest.json) gives taming's teacher-forced logits, on a
 * fixed sequence and on the codes its own first stage gives the images, and its greedy generations:
 * codes and tokens exactly, floats within the manifest's {@code suggested_atol}.
 */
class TamingGptReferenceTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void teacherForcedLogitsMatchTaming() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingGpt gpt = TamingGptFixture.load(m);
            NDArray tokens = Npy.fixture(DIR + "tokens.npy", m);                                 // (2, 16)
            NDArray logits = gpt.causalLogits(Npy.fixture(DIR + "class_ids.npy", m), tokens.get(":, 0:15")); // (2, 16, 64)
            assertClose(logits, Npy.fixture(DIR + "logits.npy", m), 3e-5, "logits");
        }
    }

    /** The first stage of the same file encodes x.npy to taming's codes, and the prior scores them as taming does. */
    @Test
    void imageCodesFromTheFirstStageAndTheirLogitsMatchTaming() throws Exception {
        StateDict sd = TamingGptFixture.stateDict();
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingVqganSpec vq = TamingVqganSpec.infer(sd, TamingYaml.read(TamingYaml.findBeside(sd.file()))).spec();
            NDArray codes = TamingVqganTokenizer.load(sd, vq, m).encode(Npy.fixture(DIR + "x.npy", m)).reshape(2, 16);
            assertSame(codes, Npy.fixture(DIR + "image_codes.npy", m), "image_codes");
            TamingGpt gpt = TamingGpt.load(sd, TamingGptFixture.spec(sd), m);
            NDArray logits = gpt.causalLogits(Npy.fixture(DIR + "class_ids.npy", m), codes.get(":, 0:15"));
            assertClose(logits, Npy.fixture(DIR + "image_logits.npy", m), 2e-5, "image_logits");
        }
    }

    /** The import recognises the file by its first stage's keys although it also holds the transformer's. */
    @Test
    void importingTheFileGivesItsFirstStageWithTamingsCodes() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            ModelImport.Imported imp = ModelImport.convert(TamingGptFixture.checkpoint(), null, null, m);
            assertThat(imp.family().name()).isEqualTo(TamingVqganSpec.FAMILY);
            assertThat(imp.explanation()).anyMatch(l -> l.contains("'first_stage_model.'"));
            NDArray codes = imp.model().encode(ReferenceInputs.pngs("taming-cond-transformer", 8, m));
            assertSame(codes, Npy.fixture(DIR + "codes_png.npy", m), "codes_png");
        }
    }

    @Test
    void greedyGenerationThroughThePriorMatchesTaming() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            Prior prior = TamingGptFixture.load(m).asPrior();
            long[] classes = Npy.fixture(DIR + "class_ids.npy", m).toLongArray();
            long[] expected = Npy.fixture(DIR + "greedy_tokens.npy", m).toLongArray();
            int[] empty = new int[16];
            Arrays.fill(empty, -1);
            for (int i = 0; i < classes.length; i++) {
                int[] grid = prior.generate(m, empty, (int) classes[i], 1, SamplingSpec.defaults().withTopK(1),
                        Prior.PartialListener.NONE).grids()[0];
                assertThat(Arrays.stream(grid).asLongStream().toArray()).as("greedy tokens of class %d", classes[i])
                        .containsExactly(Arrays.copyOfRange(expected, i * 16, i * 16 + 16));
            }
        }
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingGpt gpt = TamingGptFixture.load(m);
            NDArray classes = Npy.fixture(DIR + "class_ids.npy", m), tokens = Npy.fixture(DIR + "tokens.npy", m);
            NDArray full = gpt.causalLogits(classes, tokens);                                   // (2, 17, 64): all 17 positions
            KvCache cache = gpt.newCache(m);
            for (int pos = 0; pos < gpt.spec().blockSize(); pos++) {
                NDArray ids = pos == 0 ? classes : tokens.get(":, {}", pos - 1);
                assertClose(gpt.step(ids, pos, cache), full.get(":, {}", pos), 1e-5, "position " + pos);
            }
        }
    }

    @Test
    void changingALaterCodeLeavesEarlierLogitsAlone() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingGpt gpt = TamingGptFixture.load(m);
            NDArray classes = Npy.fixture(DIR + "class_ids.npy", m), tokens = Npy.fixture(DIR + "tokens.npy", m);
            long[] changed = tokens.toLongArray();
            changed[10] = (changed[10] + 1) % 64;                                              // row 0, cell 10
            NDArray a = gpt.causalLogits(classes, tokens), b = gpt.causalLogits(classes, m.create(changed, tokens.getShape()));
            assertThat(a.get("0, 0:11").toFloatArray()).containsExactly(b.get("0, 0:11").toFloatArray());
            assertThat(a.get("0, 11:").sub(b.get("0, 11:")).abs().max().getFloat()).isPositive();
        }
    }
}
