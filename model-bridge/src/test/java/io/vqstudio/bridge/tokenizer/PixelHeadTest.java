package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.TestEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class PixelHeadTest {

    @Test
    void logitLaplaceMatchesAHandComputedValue() {
        TestEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            // One pixel: mu = (0.3, -1, 2), ln b = (0, -0.5, 0.2), target RGB in [-1, 1] = (0.5, -1, 1).
            float[] raw = {0.3f, -1f, 2f, 0f, -0.5f, 0.2f};
            float[] target = {0.5f, -1f, 1f};
            NDArray r = m.create(raw, new Shape(1, 6, 1, 1));
            NDArray t = m.create(target, new Shape(1, 3, 1, 1));
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                double x = (target[c] + 1) / 2 * (1 - 2 * 0.1) + 0.1;    // x' in (eps, 1 - eps)
                double b = Math.exp(raw[3 + c]);
                expected += Math.log(2 * b) + Math.log(x * (1 - x)) + Math.abs(Math.log(x / (1 - x)) - raw[c]) / b;
            }
            expected /= 3;
            assertThat(PixelHead.logitLaplaceNll(r, t).getFloat()).isCloseTo((float) expected, offset(1e-5f));
        }
    }

    @Test
    void theImageIsTheMedianMappedBackToMinusOneOne() {
        TestEngine.start();
        try (NDManager m = NDManager.newBaseManager()) {
            // logit(x') for x = 0.75: x' = 0.75 * 0.8 + 0.1 = 0.7; the image value is 2 * 0.75 - 1 = 0.5.
            float mu = (float) Math.log(0.7 / 0.3);
            NDArray r = m.create(new float[] {mu, 0f, 100f, 0f, 0f, 0f}, new Shape(1, 6, 1, 1));
            float[] img = PixelHead.toImage(r).toFloatArray();
            assertThat(img[0]).isCloseTo(0.5f, offset(1e-5f));
            assertThat(img[1]).isCloseTo(0f, offset(1e-5f));
            assertThat(img[2]).isEqualTo(1f); // clipped
        }
    }
}
