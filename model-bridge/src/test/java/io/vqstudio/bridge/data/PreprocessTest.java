package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.RgbImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PreprocessTest {

    /** An RGB image whose red channel is {@code v[y][x]}, green 0 and blue 255. */
    static BufferedImage red(int[][] v) {
        BufferedImage img = new BufferedImage(v[0].length, v.length, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < v.length; y++) {
            for (int x = 0; x < v[0].length; x++) {
                img.setRGB(x, y, v[y][x] << 16 | 0xFF);
            }
        }
        return img;
    }

    static float unit(double v) {
        return (float) (v / 127.5 - 1);
    }

    @Test
    void shrinkingAveragesEachArea() {
        BufferedImage img = red(new int[][] {
                {0, 10, 100, 200},
                {20, 30, 0, 0},
                {40, 40, 255, 255},
                {40, 40, 255, 251}});
        float[] t = Preprocess.toTensor(img, 2, false); // (3, 2, 2)
        assertThat(t).hasSize(12);
        assertThat(t[0]).isCloseTo(unit(15), within(1e-6f));
        assertThat(t[1]).isCloseTo(unit(75), within(1e-6f));
        assertThat(t[2]).isCloseTo(unit(40), within(1e-6f));
        assertThat(t[3]).isCloseTo(unit(254), within(1e-6f));
        for (int i = 4; i < 8; i++) {
            assertThat(t[i]).isEqualTo(-1f); // green 0
            assertThat(t[i + 4]).isEqualTo(1f); // blue 255
        }
    }

    @Test
    void fractionalShrinkWeightsPixelsByCoverage() {
        // 3 -> 2: output 0 covers [0, 1.5), output 1 covers [1.5, 3).
        BufferedImage img = red(new int[][] {{0, 90, 180}, {0, 90, 180}, {0, 90, 180}});
        float[] t = Preprocess.toTensor(img, 2, false);
        assertThat(t[0]).isCloseTo(unit((0 + 45) / 1.5), within(1e-5f));
        assertThat(t[1]).isCloseTo(unit((45 + 180) / 1.5), within(1e-5f));
    }

    @Test
    void wideImagesAreCentreCropped() {
        BufferedImage img = red(new int[][] {{1, 2, 50, 60, 7, 8}, {1, 2, 70, 80, 7, 8}});
        float[] t = Preprocess.toTensor(img, 2, false);
        assertThat(new float[] {t[0], t[1], t[2], t[3]})
                .containsExactly(new float[] {unit(50), unit(60), unit(70), unit(80)}, within(1e-6f));
    }

    @Test
    void flipMirrorsLeftRight() {
        BufferedImage img = TestImages.noise(9, 9, BufferedImage.TYPE_INT_RGB, 3);
        float[] a = Preprocess.toTensor(img, 6, false), b = Preprocess.toTensor(img, 6, true);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    assertThat(b[c * 36 + y * 6 + x]).isEqualTo(a[c * 36 + y * 6 + 5 - x]);
                }
            }
        }
    }

    @Test
    void enlargingIsBilinearAndConstantStaysConstant() {
        float[] t = Preprocess.toTensor(red(new int[][] {{0, 255}, {0, 255}}), 4, false);
        // Pixel centres at 0.25, 0.75 map to source x = -0.25 (clamped), 0.25, 0.75, 1.25 (clamped).
        assertThat(new float[] {t[0], t[1], t[2], t[3]})
                .containsExactly(new float[] {-1f, unit(63.75), unit(191.25), 1f}, within(1e-5f));
        float[] one = Preprocess.toTensor(red(new int[][] {{77}}), 5, false);
        for (int i = 0; i < 25; i++) {
            assertThat(one[i]).isCloseTo(unit(77), within(1e-6f));
        }
    }

    @Test
    void greyKeepsItsLevelsAndAlphaIsCompositedOverWhite() {
        BufferedImage grey = new BufferedImage(1, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        assertThat(Preprocess.rgbPixels(grey)).containsExactly(0x808080);
        assertThat(Preprocess.isGreyscale(grey)).isTrue();

        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x00FF0000); // fully transparent red
        argb.setRGB(1, 0, 0x80000000); // half transparent black
        assertThat(Preprocess.rgbPixels(argb)).containsExactly(0xFFFFFF, 0x7F7F7F);
        assertThat(Preprocess.rgb(argb).copyPixels()).containsExactly(0xFFFFFF, 0x7F7F7F);
    }

    @Test
    void tensorRoundTripsThroughAnImage() {
        BufferedImage img = TestImages.noise(8, 8, BufferedImage.TYPE_INT_RGB, 5);
        float[] t = Preprocess.toTensor(img, 8, false);
        for (float v : t) {
            assertThat(v).isBetween(-1f, 1f);
        }
        assertThat(Preprocess.fromTensor(t, 8)).isEqualTo(Preprocess.rgb(img));
        assertThat(Preprocess.square(Preprocess.rgb(img), 8)).isEqualTo(Preprocess.rgb(img));
        float[] out = new float[3];
        out[0] = 7f;
        out[1] = -3f;
        assertThat(Preprocess.fromTensor(out, 1).get(0, 0)).isEqualTo(0xFF0080);
    }

    @Test
    void theSquareIsTheTensorsCropAndResizeRoundedToBytes() {
        BufferedImage img = TestImages.noise(37, 22, BufferedImage.TYPE_INT_RGB, 9);
        for (int size : new int[] {8, 22, 40}) { // shrink, crop only, enlarge
            float[] t = Preprocess.toTensor(img, size, false); // (3, size, size) in [-1, 1]
            RgbImage sq = Preprocess.square(Preprocess.rgb(img), size);
            int plane = size * size;
            for (int i = 0; i < plane; i++) {
                int p = sq.get(i % size, i / size);
                // Each byte is the float value rounded (within float error of the scaling).
                assertThat((double) (p >> 16 & 0xFF)).isCloseTo((t[i] + 1) * 127.5, within(0.501));
                assertThat((double) (p >> 8 & 0xFF)).isCloseTo((t[plane + i] + 1) * 127.5, within(0.501));
                assertThat((double) (p & 0xFF)).isCloseTo((t[2 * plane + i] + 1) * 127.5, within(0.501));
            }
        }
    }

    @Test
    void anImageAtTheSizeIsConvertedAsItIsFlippedOrNot() {
        BufferedImage img = TestImages.noise(6, 6, BufferedImage.TYPE_INT_RGB, 4);
        RgbImage rgb = Preprocess.rgb(img);
        for (boolean flip : new boolean[] {false, true}) {
            float[] t = Preprocess.toTensor(rgb, 6, flip);
            for (int y = 0; y < 6; y++) {
                for (int x = 0; x < 6; x++) {
                    int p = rgb.get(flip ? 5 - x : x, y);
                    assertThat(t[y * 6 + x]).isEqualTo((p >> 16 & 0xFF) / 127.5f - 1f);
                    assertThat(t[36 + y * 6 + x]).isEqualTo((p >> 8 & 0xFF) / 127.5f - 1f);
                    assertThat(t[72 + y * 6 + x]).isEqualTo((p & 0xFF) / 127.5f - 1f);
                }
            }
        }
    }
}
