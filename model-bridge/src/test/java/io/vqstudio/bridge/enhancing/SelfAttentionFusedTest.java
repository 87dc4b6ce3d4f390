package io.vqstudio.bridge.enhancing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.FusedComparison;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * enhancing-transformers' attention (scale after the product, heads split head-major) through the
 * fused kernel gives what its unfused chain gives: outputs, and gradients of the input and weights.
 */
class SelfAttentionFusedTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(7);

    @Test
    void fusedValuesAndGradientsMatchTheUnfusedChain() {
        NDManager m = engine.manager();
        SelfAttention attn = new SelfAttention(m, new EnhancingVitvqSpec.Stack(32, 1, 4, 8, 64));
        NDArray toQkv = attn.parameters().get("to_qkv.weight");
        toQkv.set(m.randomNormal(0f, 0.3f, toQkv.getShape(), toQkv.getDataType()).toFloatArray()); // peaked, not uniform, weights
        NDArray x = m.randomNormal(new Shape(2, 10, 32));
        NDArray w = m.randomNormal(new Shape(2, 10, 32));                  // weights the output before summing
        FusedComparison.assertFusedMatchesUnfused(
                () -> FusedComparison.valuesAndGradients(attn, attn::forward, x, w), 2e-5f);
    }
}
