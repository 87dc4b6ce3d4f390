package io.vqstudio.bridge.llamagpt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.SamplingSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Seeded sampling from the reference fixture's GPT: reproducible, greedy at top-k 1, classes checked. */
class LlamaGptSamplerTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void sameSeedSameSampleOtherSeedOtherSample() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load("c2i_tiny_16.pt", m);
            SamplingSpec s = SamplingSpec.defaults().withCfgScale(2f).withSeed(7);
            int[][] a = LlamaGptSampler.generate(gpt, new long[] {3, 10}, s, m, null);
            assertThat(LlamaGptSampler.generate(gpt, new long[] {3, 10}, s, m, null)).isDeepEqualTo(a);
            assertThat(LlamaGptSampler.generate(gpt, new long[] {3, 10}, s.withSeed(8), m, null)).isNotEqualTo(a);
        }
    }

    @Test
    void topKOneTakesTheLargestLogitOfEachStep() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load("c2i_tiny_16.pt", m);
            List<float[]> steps = new ArrayList<>();
            int[][] tokens = LlamaGptSampler.generate(gpt, new long[] {5}, SamplingSpec.defaults().withTopK(1), m,
                    (cell, logits) -> steps.add(logits.clone()));                          // no guidance: batch of 1
            assertThat(steps).hasSize(gpt.spec().blockSize());
            for (int t = 0; t < steps.size(); t++) {
                float[] l = steps.get(t);
                int best = 0;
                for (int i = 1; i < l.length; i++) {
                    best = l[i] > l[best] ? i : best;
                }
                assertThat(tokens[0][t]).as("cell " + t).isEqualTo(best);
            }
        }
    }

    @Test
    void aClassOutsideTheTableIsRefused() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGpt gpt = LlamaGptFixture.load("c2i_tiny_16.pt", m);
            assertThatThrownBy(() -> LlamaGptSampler.generate(gpt, new long[] {11}, SamplingSpec.defaults(), m, null))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("class 11 is outside 0..10");
        }
    }
}
