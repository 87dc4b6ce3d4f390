package io.vqstudio.bridge.vq;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

class VectorQuantizerTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(7);

    @Test
    void decodingTheIndicesGivesBackTheQuantizedVectors() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 16, 16, new QuantizerSpec(32, 4, true, 0.25f, false));
        NDArray z = engine.manager().randomNormal(new Shape(2, 5, 16));
        Quantized q = vq.forward(z);
        assertThat(q.indices().getShape()).isEqualTo(new Shape(2, 5));
        assertThat(q.quantized().getShape()).isEqualTo(new Shape(2, 5, 16));
        NDArray again = vq.lookup(q.indices());
        assertThat(again.sub(q.quantized()).abs().max().getFloat()).isLessThan(1e-5f);
    }

    @Test
    void theNearestCodesOfManyVectorsAreFoundBlockByBlockExactlyAsByBruteForce() {
        for (boolean l2 : new boolean[] {true, false}) {
            VectorQuantizer vq = new VectorQuantizer(engine.manager(), 8, 8, new QuantizerSpec(64, 4, l2, 0.25f, false));
            NDArray z = engine.manager().randomNormal(new Shape(3, 250, 8));          // 750 rows: three blocks of 256
            long[] ids = vq.indices(z).toLongArray();
            float[] ze = vq.lookupSpace(z).toFloatArray();
            float[] cb = vq.codes(engine.manager()).toFloatArray();
            long[] expected = new long[750];
            for (int t = 0; t < 750; t++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < 64; k++) {
                    double dot = 0, sq = 0;
                    for (int c = 0; c < 4; c++) {
                        dot += ze[t * 4 + c] * cb[k * 4 + c];
                        sq += cb[k * 4 + c] * cb[k * 4 + c];
                    }
                    double score = l2 ? dot : 2 * dot - sq;                   // larger is nearer
                    if (score > best) {
                        best = score;
                        expected[t] = k;
                    }
                }
            }
            assertThat(ids).as("l2 " + l2).containsExactly(expected);
            assertThat(vq.forward(z).indices().toLongArray()).containsExactly(expected);
        }
    }

    @Test
    void l2CodesHaveUnitNormAndTheNearestCodeMaximisesCosineSimilarity() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 8, 8, new QuantizerSpec(16, 4, true, 0.25f, false));
        NDArray codes = vq.codes(engine.manager());                                     // (16, 4)
        float[] norms = codes.square().sum(new int[] {1}).sqrt().toFloatArray();
        for (float n : norms) {
            assertThat(n).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-5f));
        }
        NDArray z = engine.manager().randomNormal(new Shape(1, 6, 8));
        long[] ids = vq.forward(z).indices().toLongArray();
        float[] ze = vq.lookupSpace(z).toFloatArray();                   // (1, 6, 4) unit vectors
        float[] cb = codes.toFloatArray();
        for (int t = 0; t < 6; t++) {
            int best = -1;
            double bestSim = -2;
            for (int k = 0; k < 16; k++) {
                double sim = 0;
                for (int c = 0; c < 4; c++) {
                    sim += ze[t * 4 + c] * cb[k * 4 + c];
                }
                if (sim > bestSim) {
                    bestSim = sim;
                    best = k;
                }
            }
            assertThat(ids[t]).isEqualTo(best);
        }
    }

    @Test
    void withoutL2TheNearestCodeIsTheEuclideanOne() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 4, 4, new QuantizerSpec(8, 4, false, 0.25f, false));
        NDArray z = engine.manager().randomNormal(0f, 0.2f, new Shape(1, 5, 4), ai.djl.ndarray.types.DataType.FLOAT32);
        long[] ids = vq.forward(z).indices().toLongArray();
        float[] zz = z.toFloatArray();
        float[] cb = vq.codes(engine.manager()).toFloatArray();
        for (int t = 0; t < 5; t++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int k = 0; k < 8; k++) {
                double d = 0;
                for (int c = 0; c < 4; c++) {
                    d += Math.pow(zz[t * 4 + c] - cb[k * 4 + c], 2);
                }
                if (d < bestD) {
                    bestD = d;
                    best = k;
                }
            }
            assertThat(ids[t]).isEqualTo(best);
        }
    }

    @Test
    void straightThroughGradientReachesTheInputAndTheCodebookLossReachesTheCodes() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 8, 8, new QuantizerSpec(16, 4, true, 0.25f, false));
        NDArray z = engine.manager().randomNormal(new Shape(2, 3, 8));
        z.setRequiresGradient(true);
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Quantized q = vq.forward(z);
            gc.backward(q.quantized().sum().add(q.loss()));
        }
        assertThat(z.getGradient().abs().sum().getFloat()).isGreaterThan(0f);
        assertThat(vq.rawCodebook().getGradient().abs().sum().getFloat()).isGreaterThan(0f);
    }

    @Test
    void restartedCodesTakeTheDataTheLiveCodesServeWorst() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 4, 4, new QuantizerSpec(16, 4, true, 0.25f, true));
        float[] rows = SpreadPicksTest.mostlyBackground(new java.util.Random(3));
        NDArray z = engine.manager().create(rows, new Shape(1, 1000, 4));
        int[] dead = java.util.stream.IntStream.range(1, 16).toArray();
        try (io.vqstudio.bridge.nn.NoGrad ng = io.vqstudio.bridge.nn.NoGrad.enter()) {
            vq.initFromData(engine.manager().create(new float[] {1f, 0f, 0f, 0f}, new Shape(1, 1, 4)), new java.util.Random(2));
            vq.restart(dead, z, new java.util.Random(4));                // code 0 serves the background
        }
        long used = java.util.Arrays.stream(vq.indices(z).toLongArray()).distinct().count();
        assertThat(used).isEqualTo(16);
    }

    @Test
    void codesRestartedOnOutputsThatFillASmallCapOfTheSphereStayInsideIt() {
        // encoder outputs often differ by a few hundredths around one direction: noise of a fixed
        // size would throw restarted codes out of that cap, where nothing chooses them
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 4, 4, new QuantizerSpec(64, 4, true, 0.25f, true));
        java.util.Random r = new java.util.Random(9);
        float[] rows = new float[2000 * 4];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = (i % 4 == 0 ? 1f : 0f) + 0.01f * (float) r.nextGaussian();
        }
        NDArray z = engine.manager().create(rows, new Shape(1, 2000, 4));
        try (io.vqstudio.bridge.nn.NoGrad ng = io.vqstudio.bridge.nn.NoGrad.enter()) {
            vq.initFromData(z, new java.util.Random(2));
            vq.restart(java.util.stream.IntStream.range(0, 64).toArray(), z, new java.util.Random(4));
        }
        long used = java.util.Arrays.stream(vq.indices(z).toLongArray()).distinct().count();
        assertThat(used).isGreaterThanOrEqualTo(60);
    }

    @Test
    void restartedCodesLandOnEncoderOutputsAndTheOthersStay() {
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 8, 8, new QuantizerSpec(16, 4, true, 0.25f, false));
        float[] before = vq.rawCodebook().toFloatArray();
        NDArray z = engine.manager().randomNormal(new Shape(1, 6, 8));
        try (io.vqstudio.bridge.nn.NoGrad ng = io.vqstudio.bridge.nn.NoGrad.enter()) {
            vq.restart(new int[] {3, 7}, z, new java.util.Random(1));
        }
        float[] after = vq.rawCodebook().toFloatArray();
        float[] ze = vq.lookupSpace(z).toFloatArray();                   // 6 unit vectors of 4
        for (int code = 0; code < 16; code++) {
            float[] row = java.util.Arrays.copyOfRange(after, code * 4, code * 4 + 4);
            if (code == 3 || code == 7) {
                double best = -1;
                for (int t = 0; t < 6; t++) {
                    double dot = 0, norm = 0;
                    for (int j = 0; j < 4; j++) {
                        dot += row[j] * ze[t * 4 + j];
                        norm += row[j] * row[j];
                    }
                    best = Math.max(best, dot / Math.sqrt(norm));
                }
                assertThat(best).as("code " + code).isGreaterThan(0.99);
            } else {
                assertThat(row).containsExactly(java.util.Arrays.copyOfRange(before, code * 4, code * 4 + 4));
            }
        }
    }

    @Test
    void lossIsCodebookPlusBetaTimesCommitment() {
        QuantizerSpec spec = new QuantizerSpec(4, 2, false, 0.25f, false);
        VectorQuantizer vq = new VectorQuantizer(engine.manager(), 2, 2, spec);
        NDArray z = engine.manager().create(new float[] {0.5f, -0.5f}, new Shape(1, 1, 2));
        Quantized q = vq.forward(z);
        float[] e = vq.codes(engine.manager()).get(q.indices().flatten()).toFloatArray();
        double sq = (Math.pow(0.5 - e[0], 2) + Math.pow(-0.5 - e[1], 2)) / 2;   // mean over 2 elements
        assertThat(q.loss().getFloat()).isCloseTo((float) (sq * 1.25), org.assertj.core.data.Offset.offset(1e-6f));
    }
}
