package io.vqstudio.bridge.cnn;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.FusedComparison;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Taming's building blocks: shapes, hand-computed values, and attention against a plain-loop reference. */
class CnnBlocksTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @Test
    void groupsAre32OrTheLargestDivisorBelow() {
        assertThat(CnnOps.groups(128)).isEqualTo(32);
        assertThat(CnnOps.groups(64)).isEqualTo(32);
        assertThat(CnnOps.groups(16)).isEqualTo(16);
        assertThat(CnnOps.groups(48)).isEqualTo(24);
        assertThat(CnnOps.groups(6)).isEqualTo(6);
        assertThat(CnnOps.groups(37)).isEqualTo(1);
    }

    @Test
    void swishIsXTimesSigmoidX() {
        float[] y = CnnOps.swish(ENGINE.manager().create(new float[] {-2f, 0f, 1f, 3f})).toFloatArray();
        float[] x = {-2f, 0f, 1f, 3f};
        for (int i = 0; i < x.length; i++) {
            assertThat(y[i]).isCloseTo((float) (x[i] / (1 + Math.exp(-x[i]))), within(1e-6f));
        }
    }

    @Test
    void resnetBlockChangesWidthThroughTheShortcut() {
        ResnetBlock block = new ResnetBlock(ENGINE.manager(), 8, 16);
        NDArray y = block.forward(ENGINE.manager().randomNormal(new Shape(2, 8, 5, 5)));
        assertThat(y.getShape()).isEqualTo(new Shape(2, 16, 5, 5));
        assertThat(block.parameters()).containsKeys("norm1.weight", "conv1.weight", "norm2.bias", "conv2.weight",
                "nin_shortcut.weight");
        assertThat(new ResnetBlock(ENGINE.manager(), 8, 8).parameters()).doesNotContainKey("nin_shortcut.weight");
    }

    @Test
    void downsamplePadsOnlyRightAndBottom() {
        Downsample down = new Downsample(ENGINE.manager(), 1);
        NDArray x = ENGINE.manager().arange(1f, 17f).reshape(1, 1, 4, 4);              // rows 1..4, 5..8, 9..12, 13..16
        // Only the bottom-right tap: output (i, j) = padded input (2i + 2, 2j + 2), 0 beyond the edge.
        setConv(down.parameters(), "conv", tap(2, 2));
        assertThat(down.forward(x).toFloatArray()).containsExactly(11f, 0f, 0f, 0f);
        // Only the top-left tap: output (i, j) = input (2i, 2j), no shift from a left/top pad.
        setConv(down.parameters(), "conv", tap(0, 0));
        assertThat(down.forward(x).getShape()).isEqualTo(new Shape(1, 1, 2, 2));
        assertThat(down.forward(x).toFloatArray()).containsExactly(1f, 3f, 9f, 11f);
    }

    @Test
    void upsampleRepeatsEachValueInA2x2Block() {
        Upsample up = new Upsample(ENGINE.manager(), 1);
        setConv(up.parameters(), "conv", tap(1, 1));                    // identity
        NDArray y = up.forward(ENGINE.manager().create(new float[] {1f, 2f, 3f, 4f}).reshape(1, 1, 2, 2));
        assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 4, 4));
        assertThat(y.toFloatArray()).containsExactly(
                1f, 1f, 2f, 2f,
                1f, 1f, 2f, 2f,
                3f, 3f, 4f, 4f,
                3f, 3f, 4f, 4f);
    }

    @Test
    void attnBlockKeepsShapeAndMatchesAPlainLoopReference() {
        int c = 64, h = 3, w = 2;                                        // 32 groups of 2 channels
        AttnBlock attn = new AttnBlock(ENGINE.manager(), c);
        Map<String, NDArray> p = attn.parameters();
        // A non-trivial norm affine, so the reference checks it too.
        p.get("norm.weight").set(ENGINE.manager().randomUniform(-2f, 2f, new Shape(c)).toFloatArray());
        p.get("norm.bias").set(ENGINE.manager().randomUniform(-1f, 1f, new Shape(c)).toFloatArray());
        NDArray x = ENGINE.manager().randomNormal(new Shape(2, c, h, w));
        NDArray y = attn.forward(x);
        assertThat(y.getShape()).isEqualTo(new Shape(2, c, h, w));
        double[] expected = AttnReference.forward(x.toFloatArray(), 2, c, h * w, CnnOps.groups(c), p);
        float[] actual = y.toFloatArray();
        for (int i = 0; i < actual.length; i++) {
            assertThat((double) actual[i]).isCloseTo(expected[i], within(1e-4));
        }
    }

    /** The fused kernel (one head of width C) gives the unfused chain's outputs and gradients, input and weights. */
    @Test
    void attnBlockFusedValuesAndGradientsMatchTheUnfusedChain() {
        int c = 32;
        AttnBlock attn = new AttnBlock(ENGINE.manager(), c);
        NDArray x = ENGINE.manager().randomNormal(new Shape(2, c, 3, 5));
        NDArray w = ENGINE.manager().randomNormal(new Shape(2, c, 3, 5));   // weights the output before summing
        FusedComparison.assertFusedMatchesUnfused(
                () -> FusedComparison.valuesAndGradients(attn, attn::forward, x, w), 2e-5f);
    }

    /** A 3x3 single-channel kernel with a single 1 at (row, col). */
    private static float[] tap(int row, int col) {
        float[] k = new float[9];
        k[row * 3 + col] = 1f;
        return k;
    }

    private static void setConv(Map<String, NDArray> params, String conv, float[] kernel) {
        params.get(conv + ".weight").set(kernel);
        params.get(conv + ".bias").set(new float[] {0f});
    }
}
