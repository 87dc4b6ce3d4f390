package io.vqstudio.bridge.perceptual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TinyDarknetTest {

    private static final NDManager m = TestNets.manager();

    @Test
    void featuresLogitsAndPooledFeaturesHaveTheDocumentedShapes() {
        TinyDarknet net = new TinyDarknet(m, 1);
        try (NDManager step = m.newSubManager()) {
            NDArray x = TestNets.images01(step, 2, 2, 32, 32);
            List<NDArray> f = net.features(x);
            assertThat(f).extracting(NDArray::getShape).containsExactly(
                    new Shape(2, 16, 32, 32), new Shape(2, 32, 16, 16), new Shape(2, 128, 8, 8),
                    new Shape(2, 256, 4, 4), new Shape(2, 128, 2, 2));
            assertThat(net.logits(x).getShape()).isEqualTo(new Shape(2, TinyDarknet.CLASSES));
            assertThat(net.pooledFeatures(x).getShape()).isEqualTo(new Shape(2, 128));
        }
    }

    @Test
    void oddSizesPoolWithTensorFlowSameRounding() {
        TinyDarknet net = new TinyDarknet(m, 1);
        try (NDManager step = m.newSubManager()) {
            List<NDArray> f = net.features(TestNets.images01(step, 3, 1, 36, 36));
            // 'same' 2x2/2 pooling gives ceil(n / 2): 36 -> 18 -> 9 -> 5 -> 3.
            assertThat(f).extracting(a -> a.getShape().get(2)).containsExactly(36L, 18L, 9L, 5L, 3L);
        }
    }

    @Test
    void weightsAreFrozenAndNotExposedAsTrainableParameters() {
        TinyDarknet net = new TinyDarknet(m, 1);
        assertThat(net.parameters()).isEmpty();
    }

    @Test
    void unitRangeMapsSignedImagesToZeroOne() {
        try (NDManager step = m.newSubManager()) {
            float[] v = TinyDarknet.unitRange(step.create(new float[] {-1f, 0f, 1f})).toFloatArray();
            assertThat(v).containsExactly(0f, 0.5f, 1f);
        }
    }

    /**
     * The first stage at one pixel, recomputed in plain Java from the Keras-layout arrays (HWIO kernel,
     * BatchNorm with running statistics, LeakyReLU 0.1): checks the layout transpose and the BN folding.
     */
    @Test
    void firstStageMatchesAHandComputedKerasConvBatchNormLeakyRelu() {
        Map<String, float[]> keras = TestNets.randomKeras(7);
        TinyDarknet net = new TinyDarknet(m, keras);
        int h = 8, w = 8;
        try (NDManager step = m.newSubManager()) {
            NDArray x = TestNets.images01(step, 5, 1, h, w);
            float[] img = x.toFloatArray();
            float[] got = net.features(x).get(0).toFloatArray(); // (1, 16, 8, 8)
            float[] kernel = keras.get("conv2d_1/kernel");      // (3, 3, 3, 16)
            for (int[] p : new int[][] {{3, 4}, {0, 0}, {7, 5}}) {
                for (int o = 0; o < 16; o++) {
                    double acc = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            int yy = p[0] + dy, xx = p[1] + dx;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
                                continue; // 'same' zero padding
                            }
                            for (int c = 0; c < 3; c++) {
                                acc += img[(c * h + yy) * w + xx] * kernel[(((dy + 1) * 3 + dx + 1) * 3 + c) * 16 + o];
                            }
                        }
                    }
                    double bn = (acc - keras.get("batch_normalization_1/moving_mean")[o])
                            / Math.sqrt(keras.get("batch_normalization_1/moving_variance")[o] + 1e-3)
                            * keras.get("batch_normalization_1/gamma")[o] + keras.get("batch_normalization_1/beta")[o];
                    double want = bn > 0 ? bn : 0.1 * bn;
                    assertThat((double) got[(o * h + p[0]) * w + p[1]]).isCloseTo(want, within(1e-4));
                }
            }
        }
    }
}
