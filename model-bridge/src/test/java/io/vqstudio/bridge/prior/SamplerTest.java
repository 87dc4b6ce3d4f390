package io.vqstudio.bridge.prior;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.core.SamplingSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final float[] LOGITS = {1.0f, 3.0f, 0.5f, 2.0f, -1.0f};

    @Test
    void topKOfOneIsArgmax() {
        SamplingSpec s = SamplingSpec.defaults().withTopK(1).withTemperature(5f);
        Random rnd = new Random(1);
        for (int i = 0; i < 50; i++) {
            assertThat(Sampler.sample(LOGITS, 0, 5, s, rnd)).isEqualTo(1);
        }
    }

    @Test
    void topPKeepsTheSmallestSetWhoseMassReachesP() {
        double[] full = Sampler.softmax(LOGITS, 0, 5, 1f);              // sorted: 1 (0.61), 3 (0.22), 0 (0.08), ...
        double top2 = full[1] + full[3];
        double[] p = Sampler.distribution(LOGITS, 0, 5, SamplingSpec.defaults().withTopP((float) (top2 - 1e-3)));
        assertThat(p[1]).isGreaterThan(0);
        assertThat(p[3]).isGreaterThan(0);
        assertThat(p[0]).isZero();
        assertThat(p[2]).isZero();
        assertThat(p[4]).isZero();
        assertThat(p[1] + p[3]).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        double[] one = Sampler.distribution(LOGITS, 0, 5, SamplingSpec.defaults().withTopP((float) (full[1] - 1e-3)));
        assertThat(one[1]).isEqualTo(1.0);
    }

    @Test
    void temperatureSharpensAndDrawsFollowTheDistribution() {
        double[] cold = Sampler.distribution(LOGITS, 0, 5, SamplingSpec.defaults().withTemperature(0.5f));
        double[] warm = Sampler.distribution(LOGITS, 0, 5, SamplingSpec.defaults());
        assertThat(cold[1]).isGreaterThan(warm[1]);
        int[] counts = new int[5];
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            counts[Sampler.sample(LOGITS, 0, 5, SamplingSpec.defaults(), rnd)]++;
        }
        for (int i = 0; i < 5; i++) {
            assertThat(counts[i] / 20_000.0).isCloseTo(warm[i], org.assertj.core.data.Offset.offset(0.015));
        }
    }

    /**
     * The sampling loop's draws (one buffer, one pass of exponentials shared with the log-probability)
     * give the codes of {@link Sampler#sample} and the values of {@link Sampler#logProb} bit for bit,
     * row after row of a long logit array, with and without temperature, top-k and top-p.
     */
    @Test
    void drawsAreTheSampleAndLogProbOfEachRowExactly() {
        int k = 2048, rows = 40;
        Random gen = new Random(5);
        float[] logits = new float[rows * k];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = (float) (gen.nextGaussian() * 4);
        }
        logits[3] = Float.NEGATIVE_INFINITY;                             // a code ruled out
        for (SamplingSpec s : new SamplingSpec[] {SamplingSpec.defaults(), SamplingSpec.defaults().withTemperature(0.7f),
                SamplingSpec.defaults().withTopK(50), SamplingSpec.defaults().withTopP(0.9f)}) {
            Random a = new Random(9), b = new Random(9);
            Sampler.Draws draws = new Sampler.Draws();
            for (int r = 0; r < rows; r++) {
                int code = Sampler.sample(logits, r * k, k, s, a);
                assertThat(draws.sample(logits, r * k, k, s, b)).as("%s row %d", s, r).isEqualTo(code);
                assertThat(draws.logProb()).as("%s row %d", s, r).isEqualTo(Sampler.logProb(logits, r * k, k, code));
            }
        }
    }

    @Test
    void logProbIsLogSoftmax() {
        double[] p = Sampler.softmax(LOGITS, 0, 5, 1f);
        assertThat(Sampler.logProb(LOGITS, 0, 5, 3)).isCloseTo(Math.log(p[3]), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aTinyTemperatureTendsToArgmaxInsteadOfOverflowing() {
        // 3 / 1e-40 overflows float: computed as logit / T - max it gave inf - inf = NaN.
        double[] p = Sampler.distribution(LOGITS, 0, 5, SamplingSpec.defaults().withTemperature(1e-40f));
        assertThat(p).containsExactly(0, 1, 0, 0, 0);
    }

    @Test
    void nonFiniteLogitsAreRefusedNotDrawnAsCodeZero() {
        float[] nan = {Float.NaN, Float.NaN, Float.NaN};
        assertThatThrownBy(() -> Sampler.sample(nan, 0, 3, SamplingSpec.defaults(), new Random(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("NaN");
        float[] inf = {1f, Float.POSITIVE_INFINITY, 2f};
        assertThatThrownBy(() -> Sampler.sample(inf, 0, 3, SamplingSpec.defaults(), new Random(1)))
                .hasMessageContaining("Infinity");
        float[] ruledOut = {Float.NEGATIVE_INFINITY, 0.5f, Float.NEGATIVE_INFINITY};
        assertThat(Sampler.sample(ruledOut, 0, 3, SamplingSpec.defaults(), new Random(1))).isEqualTo(1);
    }

    @Test
    void samplingSpecsRefuseNaNInfiniteAndNegativeSettings() {
        SamplingSpec d = SamplingSpec.defaults();
        assertThatThrownBy(() -> d.withCfgScale(Float.NaN)).hasMessageContaining("guidance scale");
        assertThatThrownBy(() -> d.withCfgScale(-1f)).hasMessageContaining("guidance scale");
        assertThatThrownBy(() -> d.withCfgScale(Float.POSITIVE_INFINITY)).hasMessageContaining("guidance scale");
        assertThatThrownBy(() -> d.withTemperature(Float.POSITIVE_INFINITY)).hasMessageContaining("temperature");
        assertThatThrownBy(() -> d.withTopP(Float.NaN)).hasMessageContaining("top-p");
        assertThatThrownBy(() -> d.withTopK(-1)).hasMessageContaining("top-k");
        assertThat(d.withCfgScale(0f).cfgScale()).isZero(); // unconditional
    }
}
