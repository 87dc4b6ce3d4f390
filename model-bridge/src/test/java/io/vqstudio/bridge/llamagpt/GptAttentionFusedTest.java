package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.FusedComparison;
import io.vqstudio.bridge.taming.Npy;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * LlamaGen's causal attention over a whole sequence through the fused kernel (its causal flag, no
 * mask) gives the logits of the unfused chain: the reference fixture's model, and one with grouped
 * key/value heads (repeated before the kernel) and random weights.
 */
class GptAttentionFusedTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void fusedLogitsMatchTheUnfusedChain() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            compare(LlamaGptFixture.load("c2i_tiny_16.pt", m), m);
        }
    }

    @Test
    void groupedHeadsFusedLogitsMatchTheUnfusedChain() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            LlamaGptSpec s = LlamaGptFixture.spec(LlamaGptFixture.stateDict("c2i_tiny_16.pt"));     // 4 heads of 16
            LlamaGpt grouped = new LlamaGpt(m, new LlamaGptSpec("grouped", s.dim(), s.nLayer(), s.nHead(), 2, s.ffnHidden(),
                    s.vocabSize(), s.numClasses(), s.blockSize(), 1, s.ropeBase(), s.normEps()));
            for (NDArray p : grouped.parameters().values()) {
                p.set(m.randomNormal(0f, 0.3f, p.getShape(), p.getDataType()).toFloatArray());
            }
            compare(grouped, m);
        }
    }

    private static void compare(LlamaGpt gpt, NDManager m) throws Exception {
        NDArray classes = Npy.fixture("llamagen-gpt/class_ids.npy", m), tokens = Npy.fixture("llamagen-gpt/tokens.npy", m);
        FusedComparison.assertFusedMatchesUnfused(() -> List.of(gpt.causalLogits(classes, tokens).toFloatArray()), 2e-5f);
    }
}
