package io.vqstudio.bridge.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageMetricsTest {

    private static final int C = 3, H = 24, W = 20;

    private static float[] filled(float v) {
        float[] a = new float[C * H * W];
        Arrays.fill(a, v);
        return a;
    }

    /** A smooth random-ish picture in [-1, 1]. */
    private static float[] picture(long seed) {
        Random r = new Random(seed);
        float[] a = new float[C * H * W];
        for (int i = 0; i < a.length; i++) {
            int x = i % W, y = (i / W) % H;
            a[i] = (float) Math.max(-1, Math.min(1, 0.6 * Math.sin(x * 0.4 + y * 0.25) + 0.2 * r.nextGaussian()));
        }
        return a;
    }

    private static float[] noisy(float[] a, double level, long seed) {
        Random r = new Random(seed);
        float[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) Math.max(-1, Math.min(1, b[i] + level * r.nextGaussian()));
        }
        return b;
    }

    @Test
    void psnrOfAKnownMseAndOfIdenticalImages() {
        // 0.2 apart in [-1, 1] is 0.1 apart in [0, 1]: MSE 0.01, PSNR 20 dB.
        assertThat(ImageMetrics.psnr(filled(0f), filled(0.2f))).isCloseTo(20.0, within(1e-5));
        assertThat(ImageMetrics.psnr(picture(1), picture(1))).isEqualTo(ImageMetrics.MAX_PSNR);
    }

    @Test
    void l1AndL2AreMeanAbsoluteAndMeanSquaredDifferences() {
        assertThat(ImageMetrics.l1(filled(0f), filled(0.2f))).isCloseTo(0.2, within(1e-7));
        assertThat(ImageMetrics.l2(filled(0f), filled(0.2f))).isCloseTo(0.04, within(1e-7));
        assertThat(ImageMetrics.l1(new float[] {1, -1}, new float[] {0, 0})).isEqualTo(1.0);
    }

    @Test
    void ssimOfAnImageWithItselfIsOneAndFallsAsNoiseGrows() {
        float[] x = picture(2);
        assertThat(ImageMetrics.ssim(x, x, C, H, W)).isCloseTo(1.0, within(1e-12));
        double previous = 1.0;
        for (double level : new double[] {0.02, 0.1, 0.3, 0.8}) {
            double s = ImageMetrics.ssim(x, noisy(x, level, 3), C, H, W);
            assertThat(s).isLessThan(previous);
            previous = s;
        }
        assertThat(previous).isLessThan(0.5);
    }

    @Test
    void ssimOfConstantImagesIsTheLuminanceTermInClosedForm() {
        // No variance anywhere: SSIM = (2 a b + C1) / (a^2 + b^2 + C1) on [0, 1] values.
        double a = (0.25 + 1) / 2, b = (-0.5 + 1) / 2, c1 = 1e-4;      // exact in float
        double want = (2 * a * b + c1) / (a * a + b * b + c1);
        assertThat(ImageMetrics.ssim(filled(0.25f), filled(-0.5f), C, H, W)).isCloseTo(want, within(1e-12));
    }

    @Test
    void ssimMatchesADirectTwoDimensionalWindowComputation() {
        float[] x = picture(4), y = noisy(x, 0.2, 5);
        assertThat(ImageMetrics.ssim(x, y, C, H, W)).isCloseTo(directSsim(x, y), within(1e-12));
    }

    @Test
    void mismatchedOrTooSmallImagesAreRejected() {
        assertThatThrownBy(() -> ImageMetrics.psnr(new float[3], new float[4])).hasMessageContaining("3 and 4");
        assertThatThrownBy(() -> ImageMetrics.ssim(new float[3 * 8 * 8], new float[3 * 8 * 8], 3, 8, 8))
                .hasMessageContaining("11x11");
    }

    /** SSIM with the full 11x11 Gaussian window applied at each 'valid' position, no separability. */
    private static double directSsim(float[] x, float[] y) {
        double[] g1 = new double[11];
        double norm = 0;
        for (int i = 0; i < 11; i++) {
            g1[i] = Math.exp(-(i - 5) * (i - 5) / (2 * 1.5 * 1.5));
            norm += g1[i];
        }
        double total = 0;
        for (int c = 0; c < C; c++) {
            double sum = 0;
            int count = 0;
            for (int y0 = 0; y0 + 11 <= H; y0++) {
                for (int x0 = 0; x0 + 11 <= W; x0++) {
                    double ma = 0, mb = 0, saa = 0, sbb = 0, sab = 0;
                    for (int dy = 0; dy < 11; dy++) {
                        for (int dx = 0; dx < 11; dx++) {
                            double wgt = g1[dy] * g1[dx] / (norm * norm);
                            int i = (c * H + y0 + dy) * W + x0 + dx;
                            double a = (x[i] + 1.0) / 2, b = (y[i] + 1.0) / 2;
                            ma += wgt * a;
                            mb += wgt * b;
                            saa += wgt * a * a;
                            sbb += wgt * b * b;
                            sab += wgt * a * b;
                        }
                    }
                    double c1 = 1e-4, c2 = 9e-4;
                    sum += (2 * ma * mb + c1) * (2 * (sab - ma * mb) + c2)
                            / ((ma * ma + mb * mb + c1) * (saa - ma * ma + sbb - mb * mb + c2));
                    count++;
                }
            }
            total += sum / count;
        }
        return total / C;
    }
}
