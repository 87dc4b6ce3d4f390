package io.vqstudio.bridge.llamagpt;

import static io.vqstudio.bridge.taming.ReferenceInputs.assertClose;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.taming.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * LlamaGen's c2i GPT opened from the reference fixture (saved and run by LlamaGen's own code, see
 * reference/llamagen-gpt/manifest.json) gives LlamaGen's teacher-forced logits, guided logits and greedy
 * guided generations: tokens exactly, floats within the manifest's {@code suggested_atol}; the bfloat16
 * copy against its own arrays.
 */
class LlamaGptReferenceTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @ParameterizedTest
    @CsvSource({"c2i_tiny_16.pt, '', 3e-5", "c2i_tiny_16-bf16.pt, _bf16, 3e-5"})
    void teacherForcedLogitsMatchLlamaGen(String file, String suffix, double atol) throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load(file, m);
            NDArray logits = gpt.causalLogits(Npy.fixture("llamagen-gpt/class_ids.npy", m),
                    Npy.fixture("llamagen-gpt/tokens.npy", m));                                 // (2, 17, 256)
            assertClose(logits, Npy.fixture("llamagen-gpt/logits" + suffix + ".npy", m), atol, "logits" + suffix);
        }
    }

    @Test
    void guidedLogitsOnADoubledBatchMatchLlamaGen() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load("c2i_tiny_16.pt", m);
            NDArray classes = Npy.fixture("llamagen-gpt/class_ids.npy", m), tokens = Npy.fixture("llamagen-gpt/tokens.npy", m);
            NDArray nulls = classes.zerosLike().add(gpt.spec().nullClass());
            NDArray uncond = gpt.causalLogits(classes.concat(nulls), tokens.concat(tokens)).get("2:");
            assertClose(uncond, Npy.fixture("llamagen-gpt/cfg_uncond_logits.npy", m), 4e-5, "cfg_uncond_logits");
            assertClose(LlamaGptFixture.guidedLogits(gpt, classes, tokens, 4f),
                    Npy.fixture("llamagen-gpt/cfg_guided_logits.npy", m), 2e-4, "cfg_guided_logits");
        }
    }

    /**
     * Greedy guided generation through our sampler and the KV cache gives LlamaGen's tokens exactly;
     * the logits each step saw are the teacher-forced guided logits of the generated sequence, so
     * those are compared with the reference's per-step logits.
     */
    @ParameterizedTest
    @CsvSource({"c2i_tiny_16.pt, '', 1e-4", "c2i_tiny_16-bf16.pt, _bf16, 2e-4"})
    void greedyGuidedGenerationWithTheCacheMatchesLlamaGen(String file, String suffix, double atol) throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load(file, m);
            NDArray classIds = Npy.fixture("llamagen-gpt/gen_class_ids.npy", m);
            int[][] tokens = LlamaGptFixture.greedy(gpt, classIds.toLongArray(), 4f, m);
            long[] expected = Npy.fixture("llamagen-gpt/gen_tokens" + suffix + ".npy", m).toLongArray();
            int n = gpt.spec().blockSize();
            long[] got = new long[2 * n];
            for (int i = 0; i < 2; i++) {
                for (int t = 0; t < n; t++) {
                    got[i * n + t] = tokens[i][t];
                }
            }
            assertThat(got).as("gen_tokens" + suffix).containsExactly(expected);
            NDArray seq = m.create(got, new Shape(2, n));
            NDArray stepLogits = LlamaGptFixture.guidedLogits(gpt, classIds, seq.get(":, 0:{}", n - 1), 4f); // (2, 16, 256)
            assertClose(stepLogits, Npy.fixture("llamagen-gpt/gen_step_logits" + suffix + ".npy", m), atol,
                    "gen_step_logits" + suffix);
        }
    }

    @Test
    void cachedDecodingEqualsFullRecomputation() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load("c2i_tiny_16.pt", m);
            NDArray classes = Npy.fixture("llamagen-gpt/class_ids.npy", m), tokens = Npy.fixture("llamagen-gpt/tokens.npy", m);
            NDArray full = gpt.causalLogits(classes, tokens);                                          // (2, 17, 256)
            var cache = gpt.newCache(m);
            for (int pos = 0; pos <= gpt.spec().blockSize(); pos++) {
                NDArray ids = pos == 0 ? classes : tokens.get(":, {}", pos - 1);
                assertClose(gpt.step(ids, pos, cache), full.get(":, {}", pos), 1e-5, "position " + pos);
            }
        }
    }
}
