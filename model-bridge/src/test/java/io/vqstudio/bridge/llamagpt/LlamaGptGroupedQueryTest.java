package io.vqstudio.bridge.llamagpt;

import static io.vqstudio.bridge.taming.ReferenceInputs.assertClose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.torchsave.StateDict;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fewer key/value heads than query heads (n_kv_head < n_head; no released model sets it, and the
 * reference's cached generate() fails with it, so the fixture has none): key/value head j serves query
 * heads j*r..j*r+r-1 (repeat_interleave), so a grouped model equals the full model whose key/value heads
 * come in equal runs [h0, h0, h2, h2], and not one whose heads are tiled [h0, h2, h0, h2].
 */
class LlamaGptGroupedQueryTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    @Test
    void groupedHeadsEqualTheFullModelWithRepeatedHeads() throws Exception {
        try (NDManager m = ENGINE.manager().newSubManager()) {
            StateDict sd = LlamaGptFixture.stateDict("c2i_tiny_16.pt");
            LlamaGptSpec s = LlamaGptFixture.spec(sd);                                    // 4 heads of 16
            LlamaGpt full = LlamaGpt.load(sd, s, m);
            LlamaGptSpec gs = new LlamaGptSpec("grouped", s.dim(), s.nLayer(), s.nHead(), 2, s.ffnHidden(), s.vocabSize(),
                    s.numClasses(), s.blockSize(), 1, s.ropeBase(), s.normEps());
            LlamaGpt grouped = new LlamaGpt(m, gs);
            Map<String, NDArray> target = grouped.parameters();
            for (Map.Entry<String, NDArray> p : full.parameters().entrySet()) {
                NDArray w = p.getValue();
                if (p.getKey().endsWith("wqkv.weight")) {                                   // (64 q + 64 k + 64 v, 64)
                    NDArray q = w.get("0:64"), k0 = w.get("64:80"), k2 = w.get("96:112"), v0 = w.get("128:144"),
                            v2 = w.get("160:176");
                    w.set(NDArrays.concat(new NDList(q, k0, k0, k2, k2, v0, v0, v2, v2)).toByteBuffer());      // kv heads in runs
                    target.get(p.getKey()).set(NDArrays.concat(new NDList(q, k0, k2, v0, v2)).toByteBuffer()); // (64 + 32 + 32, 64)
                } else {
                    target.get(p.getKey()).set(w.toByteBuffer());
                }
            }
            NDArray classes = Npy.fixture("llamagen-gpt/class_ids.npy", m), tokens = Npy.fixture("llamagen-gpt/tokens.npy", m);
            NDArray expected = full.causalLogits(classes, tokens);                               // (2, 17, 256)
            assertClose(grouped.causalLogits(classes, tokens), expected, 1e-5, "grouped forward");
            KvCache cache = grouped.newCache(m);
            for (int pos = 0; pos <= gs.blockSize(); pos++) {
                NDArray ids = pos == 0 ? classes : tokens.get(":, {}", pos - 1);
                assertClose(grouped.step(ids, pos, cache), expected.get(":, {}", pos), 1e-5, "grouped step " + pos);
            }
        }
    }
}
