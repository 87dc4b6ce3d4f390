package io.vqstudio.bridge.vq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SpreadPicksTest {

    /** 900 copies of one "background" vector, then 100 random ones, rows of 4. */
    static float[] mostlyBackground(Random rnd) {
        float[] v = new float[1000 * 4];
        for (int i = 0; i < 1000; i++) {
            for (int j = 0; j < 4; j++) {
                v[i * 4 + j] = i < 900 ? (j == 0 ? 1f : 0f) : (float) rnd.nextGaussian();
            }
        }
        return v;
    }

    @Test
    void picksSpreadOverTheDataInsteadOfCrowdingWhereItIsDensest() {
        float[] v = mostlyBackground(new Random(3));
        int[] picks = SpreadPicks.pick(v, 4, new float[0], 40, new Random(5));
        long background = java.util.Arrays.stream(picks).filter(i -> i < 900).count();
        assertThat(background).as("picks on the 900 identical rows").isLessThanOrEqualTo(1);
        assertThat(java.util.Arrays.stream(picks).distinct().count()).isEqualTo(40);
    }

    @Test
    void rowsAlreadyServedByACentreAreNotPicked() {
        float[] v = mostlyBackground(new Random(3));
        int[] picks = SpreadPicks.pick(v, 4, new float[] {1f, 0f, 0f, 0f}, 30, new Random(5));
        assertThat(java.util.Arrays.stream(picks).min().getAsInt()).isGreaterThanOrEqualTo(900);
    }

    @Test
    void whenEveryRowSitsOnACentreThePicksAreStillRows() {
        float[] v = {1f, 0f, 1f, 0f, 1f, 0f};
        int[] picks = SpreadPicks.pick(v, 2, new float[] {1f, 0f}, 4, new Random(1));
        assertThat(picks).hasSize(4);
        assertThat(java.util.Arrays.stream(picks).allMatch(i -> i >= 0 && i <= 2)).isTrue();
    }
}
