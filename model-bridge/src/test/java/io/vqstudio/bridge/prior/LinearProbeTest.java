package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.TestEngine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.io.TokenFile;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @BeforeEach
    void start() {
        TestEngine.start();
        Engine.getInstance().setRandomSeed(5);
    }

    @Test
    void classifierSeparatesThreeGaussianBlobs() {
        Random rnd = new Random(1);
        double[][] centres = new double[3][8];
        for (double[] c : centres) {
            for (int k = 0; k < 8; k++) {
                c[k] = 3 * rnd.nextGaussian();
            }
        }
        int per = 150, trainPer = 100;
        double[][] trainX = new double[3 * trainPer][], valX = new double[3 * (per - trainPer)][];
        int[] trainY = new int[trainX.length], valY = new int[valX.length];
        int t = 0, v = 0;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < per; i++) {
                double[] x = new double[8];
                for (int k = 0; k < 8; k++) {
                    x[k] = centres[c][k] + rnd.nextGaussian();
                }
                if (i < trainPer) {
                    trainX[t] = x;
                    trainY[t++] = c;
                } else {
                    valX[v] = x;
                    valY[v++] = c;
                }
            }
        }
        double[] acc = LinearProbe.fitAndScore(trainX, trainY, valX, valY, 3);
        assertThat(acc[0]).isGreaterThan(0.95);
        assertThat(acc[1]).isGreaterThan(0.95);
    }

    @Test
    void arPriorFeaturesSeparateClassesWithDisjointCodes() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerPrior prior = PriorStore.build(m, PriorSpec.preset(PriorKind.AR, "ar-tiny"));
            long[] calls = {0};
            List<LinearProbe.LayerResult> r = LinearProbe.run(prior, disjointCodes(prior.spec(), 160, 80), List.of(1),
                    0, Progress.counting((done, total) -> calls[0]++));
            assertThat(r).hasSize(1);
            assertThat(r.get(0).layer()).isEqualTo(1);
            assertThat(r.get(0).trainAccuracy()).isGreaterThan(0.9);
            assertThat(r.get(0).validationAccuracy()).isGreaterThan(0.9);
            assertThat(calls[0]).isPositive();
        }
    }

    @Test
    void maskGitPriorProbesEveryLayerWhenNoneAreChosen() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerPrior prior = PriorStore.build(m, PriorSpec.preset(PriorKind.MASKGIT, "maskgit-tiny"));
            List<LinearProbe.LayerResult> r = LinearProbe.run(prior, disjointCodes(prior.spec(), 160, 80), List.of(),
                    0, Progress.NONE);
            assertThat(r).extracting(LinearProbe.LayerResult::layer).containsExactly(1, 2);
            assertThat(r).allSatisfy(l -> assertThat(l.validationAccuracy()).isGreaterThan(0.9));
        }
    }

    @Test
    void limitPerSplitAndLayerRangeAreChecked() {
        try (NDManager m = NDManager.newBaseManager()) {
            TransformerPrior prior = PriorStore.build(m, PriorSpec.preset(PriorKind.AR, "ar-tiny"));
            TokenFile.Data data = disjointCodes(prior.spec(), 40, 20);
            assertThatThrownBy(() -> LinearProbe.run(prior, data, List.of(3), 0, Progress.NONE))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("layer 3");
            long[] last = {0};
            LinearProbe.run(prior, data, List.of(2), 10, Progress.counting((done, total) -> last[0] = total));
            assertThat(last[0]).isEqualTo(10 + 10 + 1);
        }
    }

    /**
     * Random grids whose codes say the class: class 0 draws from 0..K/2-1, class 1 from K/2..K-1.
     * Classes alternate, so both splits hold both.
     */
    private static TokenFile.Data disjointCodes(PriorSpec spec, int train, int validation) {
        int n = spec.tokens(), half = spec.codebookSize() / 2, size = train + validation;
        Random rnd = new Random(7);
        char[] codes = new char[size * n];
        int[] labels = new int[size];
        byte[] splits = new byte[size];
        for (int i = 0; i < size; i++) {
            labels[i] = i % 2;
            splits[i] = (byte) (i < train ? 0 : 1);
            for (int c = 0; c < n; c++) {
                codes[i * n + c] = (char) (labels[i] * half + rnd.nextInt(half));
            }
        }
        TokenFile.Header h = TokenFile.Header.create("test", "test", spec.gridSize(), spec.codebookSize(),
                List.of("0", "1"), List.of("zero", "one"), "generated", 0.3);
        return new TokenFile.Data(h, codes, labels, splits);
    }
}
