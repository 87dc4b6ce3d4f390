package io.vqstudio.bridge.gan;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

/** Both discriminators: output shapes, state names, minibatch-std values and BatchNorm's running statistics. */
class DiscriminatorShapesTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @Test
    void styleGanGivesOneLogitPerImageAt64() {
        StyleGanDiscriminator d = StyleGanDiscriminator.forResolution(ENGINE.manager(), 64);
        try (NDManager step = ENGINE.manager().newSubManager()) {
            NDArray logits = d.forward(step.randomUniform(-1f, 1f, new Shape(2, 3, 64, 64)));
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 1));
            assertThat(logits.getManager()).isSameAs(step);
        }
        // 64 -> 32 -> 16 -> 8 -> 4: four residual blocks, 32 channels doubling to the 256 cap.
        assertThat(d.parameters()).containsKeys("from_rgb.weight", "blocks.3.conv1.weight", "blocks.3.skip.weight",
                "epilogue.conv.weight", "epilogue.fc.weight", "epilogue.out.bias");
        assertThat(d.parameters()).doesNotContainKeys("blocks.4.conv0.weight", "blocks.0.skip.bias");
        assertThat(d.parameters().get("from_rgb.weight").getShape()).isEqualTo(new Shape(32, 3, 1, 1));
        assertThat(d.parameters().get("epilogue.conv.weight").getShape()).isEqualTo(new Shape(256, 257, 3, 3));
    }

    @Test
    void styleGanWorksAtEverySupportedResolution() {
        for (int res : new int[] {16, 32, 64, 128, 256}) {
            StyleGanDiscriminator d = StyleGanDiscriminator.forResolution(ENGINE.manager(), res);
            try (NDManager step = ENGINE.manager().newSubManager()) {
                NDArray logits = d.forward(step.randomUniform(-1f, 1f, new Shape(2, 3, res, res)));
                assertThat(logits.getShape()).as("resolution %d", res).isEqualTo(new Shape(2, 1));
            }
            int lastBlock = Integer.numberOfTrailingZeros(res) - 3;    // one block per halving down to 4
            assertThat(d.parameters()).containsKey("blocks." + lastBlock + ".conv0.weight");
        }
        assertThatThrownBy(() -> new StyleGanDiscriminator(ENGINE.manager(), 48, 16, 64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void minibatchStdAppendsTheGroupsMeanStandardDeviation() {
        // B = 2, one group of 2: per position the std of {a, b} is |a - b| / 2.
        NDArray x = ENGINE.manager().create(new float[] {0, 2, 4, 6, 1, 1, 1, 1}, new Shape(2, 1, 2, 2));
        NDArray y = StyleGanDiscriminator.minibatchStd(x, 2);
        assertThat(y.getShape()).isEqualTo(new Shape(2, 2, 2, 2));
        float expected = (0.5f + 0.5f + 1.5f + 2.5f) / 4;
        for (float v : y.get(":, 1").toFloatArray()) {
            assertThat(v).isCloseTo(expected, within(1e-4f));
        }
        assertThat(y.get(":, 0").toFloatArray()).containsExactly(0, 2, 4, 6, 1, 1, 1, 1);
        // Groups of 1 see no spread at all: sqrt(1e-8).
        NDArray alone = StyleGanDiscriminator.minibatchStd(x, 1).get(":, 1");
        assertThat(alone.max().getFloat()).isCloseTo(1e-4f, within(1e-6f));
    }

    @Test
    void minibatchGroupIsTheLargestDivisorUpToFour() {
        assertThat(StyleGanDiscriminator.groupSize(1)).isEqualTo(1);
        assertThat(StyleGanDiscriminator.groupSize(3)).isEqualTo(3);
        assertThat(StyleGanDiscriminator.groupSize(8)).isEqualTo(4);
        assertThat(StyleGanDiscriminator.groupSize(6)).isEqualTo(3);
        assertThat(StyleGanDiscriminator.groupSize(7)).isEqualTo(1);
    }

    @Test
    void patchGanGivesAMapOfPatchLogits() {
        PatchGanDiscriminator taming = new PatchGanDiscriminator(ENGINE.manager(), 3, 64);
        PatchGanDiscriminator small = PatchGanDiscriminator.forResolution(ENGINE.manager(), 64);
        try (NDManager step = ENGINE.manager().newSubManager()) {
            NDArray x = step.randomUniform(-1f, 1f, new Shape(2, 3, 64, 64));
            // 64 -> 32 -> 16 -> 8 (stride 2), then two 4x4 stride-1 convs with pad 1: 7, then 6.
            assertThat(taming.forward(x, true).getShape()).isEqualTo(new Shape(2, 1, 6, 6));
            assertThat(small.forward(x, true).getShape()).isEqualTo(new Shape(2, 1, 14, 14));
            assertThat(taming.outputSize(256)).isEqualTo(30);
        }
        assertThat(taming.parameters().keySet()).containsExactlyInAnyOrder(
                "main.0.weight", "main.0.bias", "main.2.weight", "main.3.weight", "main.3.bias",
                "main.5.weight", "main.6.weight", "main.6.bias", "main.8.weight", "main.9.weight", "main.9.bias",
                "main.11.weight", "main.11.bias");
        assertThat(taming.buffers()).containsKeys("main.3.running_mean", "main.9.running_var");
        assertThat(taming.parameters().get("main.8.weight").getShape()).isEqualTo(new Shape(512, 256, 4, 4));
        assertThat(taming.parameters().get("main.11.weight").getShape()).isEqualTo(new Shape(1, 512, 4, 4));
    }

    @Test
    void batchNormUpdatesRunningStatisticsOnlyWhenTraining() {
        BatchNorm2d bn = new BatchNorm2d(ENGINE.manager(), 1);
        try (NDManager step = ENGINE.manager().newSubManager()) {
            // Batch mean 2, unbiased variance of {0, 1, 3, 4} = 10 / 3.
            NDArray x = step.create(new float[] {0, 1, 3, 4}, new Shape(2, 1, 1, 2));
            bn.forward(x, false);
            assertThat(bn.runningMean().getFloat(0)).isZero();
            NDArray y = bn.forward(x, true);
            assertThat(bn.runningMean().getFloat(0)).isCloseTo(0.2f, within(1e-6f));
            assertThat(bn.runningVar().getFloat(0)).isCloseTo(0.9f + 0.1f * 10 / 3, within(1e-6f));
            // Training output uses the batch's biased variance (2.5).
            float gamma = bn.parameters().get("weight").getFloat(0);
            assertThat(y.getFloat(0, 0, 0, 0)).isCloseTo((float) (-2 / Math.sqrt(2.5 + 1e-5)) * gamma, within(1e-5f));
        }
    }
}
