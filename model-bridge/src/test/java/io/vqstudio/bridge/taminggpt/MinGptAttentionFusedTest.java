package io.vqstudio.bridge.taminggpt;

import static io.vqstudio.bridge.taminggpt.TamingGptFixture.DIR;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.FusedComparison;
import io.vqstudio.bridge.taming.Npy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * minGPT's causal attention (scale after the product) over a whole sequence through the fused kernel
 * (its causal flag, no mask) gives the unfused chain's teacher-forced logits, on the reference fixture.
 */
class MinGptAttentionFusedTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void fusedLogitsMatchTheUnfusedChain() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            TamingGpt gpt = TamingGptFixture.load(m);
            NDArray classes = Npy.fixture(DIR + "class_ids.npy", m);
            NDArray tokens = Npy.fixture(DIR + "tokens.npy", m).get(":, 0:15");                  // (2, 15)
            FusedComparison.assertFusedMatchesUnfused(() -> List.of(gpt.causalLogits(classes, tokens).toFloatArray()), 2e-5f);
        }
    }
}
