package io.vqstudio.bridge.prior;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.KvCache;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PriorInvariantsTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(21).withoutGradients();

    private TransformerPrior tiny(PriorKind kind) {
        return PriorStore.build(engine.manager(), PriorSpec.preset(kind, kind == PriorKind.AR ? "ar-tiny" : "maskgit-tiny"));
    }

    @Test
    void changingTokenTPlusOneLeavesTheLogitsAtPositionsUpToTUnchanged() {
        TransformerPrior p = tiny(PriorKind.AR);
        int n = p.spec().tokens();
        long[] a = new long[n - 1];
        for (int i = 0; i < a.length; i++) {
            a[i] = (i * 7) % 64;
        }
        long[] b = a.clone();
        int t = 6;
        b[t] = (a[t] + 13) % 64;                                         // input position t + 1 holds cell t
        NDArray cls = engine.manager().create(new long[] {1});
        float[] la = p.net().forward(engine.manager().create(a, new Shape(1, n - 1)), cls, true, false).toFloatArray();
        float[] lb = p.net().forward(engine.manager().create(b, new Shape(1, n - 1)), cls, true, false).toFloatArray();
        int k = p.spec().codebookSize();
        // Positions 0..t (class token and cells 0..t-1) see nothing of cell t.
        assertThat(Arrays.copyOf(lb, (t + 1) * k)).containsExactly(Arrays.copyOf(la, (t + 1) * k));
        assertThat(Arrays.copyOfRange(lb, (t + 1) * k, (t + 2) * k))
                .isNotEqualTo(Arrays.copyOfRange(la, (t + 1) * k, (t + 2) * k));
    }

    @Test
    void kvCachedLogitsEqualFullRecomputation() {
        TransformerPrior p = tiny(PriorKind.AR);
        int n = p.spec().tokens(), k = p.spec().codebookSize();
        long[] cells = new long[n];
        for (int i = 0; i < n; i++) {
            cells[i] = (i * 5 + 3) % k;
        }
        float[] full = p.net().forward(engine.manager().create(Arrays.copyOf(cells, n - 1), new Shape(1, n - 1)),
                engine.manager().create(new long[] {0}), true, false).toFloatArray();   // (1, n, K)
        KvCache cache = new KvCache(p.net().numLayers(), p.spec().tokens(), engine.manager());
        float[] cached = new float[n * k];
        NDArray logits = p.net().step(engine.manager().create(new long[] {0}), 0, cache);
        for (int pos = 0; pos < n; pos++) {
            System.arraycopy(logits.toFloatArray(), 0, cached, pos * k, k);
            if (pos + 1 < n) {
                logits = p.net().step(engine.manager().create(new long[] {cells[pos]}), pos + 1, cache);
            }
        }
        for (int i = 0; i < full.length; i++) {
            assertThat(cached[i]).isCloseTo(full[i], org.assertj.core.data.Offset.offset(1e-4f));
        }
        assertThat(cache.length()).isEqualTo(n);
    }

    @Test
    void sameSeedSameSampleAndDifferentSeedDifferentSample() {
        for (PriorKind kind : PriorKind.values()) {
            TransformerPrior p = tiny(kind);
            int[] empty = new int[p.spec().tokens()];
            Arrays.fill(empty, -1);
            SamplingSpec s = SamplingSpec.defaults().withSeed(42).withSteps(4);
            int[][] a = p.generate(engine.manager(), empty, 1, 3, s, Prior.PartialListener.NONE).grids();
            int[][] b = p.generate(engine.manager(), empty, 1, 3, s, Prior.PartialListener.NONE).grids();
            int[][] c = p.generate(engine.manager(), empty, 1, 3, s.withSeed(43), Prior.PartialListener.NONE).grids();
            assertThat(a).isDeepEqualTo(b);
            assertThat(a).isNotEqualTo(c);
            for (int[] g : a) {
                assertThat(Arrays.stream(g).allMatch(code -> code >= 0 && code < p.spec().codebookSize())).isTrue();
            }
        }
    }

    @Test
    void resamplingNeverChangesUnmaskedCells() {
        for (PriorKind kind : PriorKind.values()) {
            TransformerPrior p = tiny(kind);
            int n = p.spec().tokens();
            int[] grid = new int[n];
            for (int i = 0; i < n; i++) {
                grid[i] = (i * 11) % p.spec().codebookSize();
            }
            int[] start = grid.clone();
            for (int cell : new int[] {5, 6, 9, 10}) {                  // a 2x2 region of the 4x4 grid
                start[cell] = -1;
            }
            SamplingSpec s = SamplingSpec.defaults().withSeed(3).withSteps(3).withCfgScale(2f);
            for (int[] c : p.generate(engine.manager(), start, 0, 4, s, Prior.PartialListener.NONE).grids()) {
                for (int i = 0; i < n; i++) {
                    if (start[i] >= 0) {
                        assertThat(c[i]).as(kind + " cell " + i).isEqualTo(grid[i]);
                    } else {
                        assertThat(c[i]).isBetween(0, p.spec().codebookSize() - 1);
                    }
                }
            }
        }
    }

    @Test
    void likelihoodMapsArePositiveAndFinitePerCell() {
        for (PriorKind kind : PriorKind.values()) {
            TransformerPrior p = tiny(kind);
            int[] grid = new int[p.spec().tokens()];
            double[] nll = p.nllMap(engine.manager(), grid, -1);
            assertThat(nll).hasSize(grid.length);
            assertThat(Arrays.stream(nll).allMatch(v -> v > 0 && Double.isFinite(v))).isTrue();
        }
    }

    @Test
    void maskGitCellLikelihoodsMatchAFullPassWithThatCellMaskedAndRegionsSumTheirCells() {
        TransformerPrior p = tiny(PriorKind.MASKGIT);
        int n = p.spec().tokens(), k = p.spec().codebookSize();
        int[] grid = new int[n];
        for (int i = 0; i < n; i++) {
            grid[i] = (i * 11 + 5) % k;
        }
        double[] nll = p.nllMap(engine.manager(), grid, -1);
        for (int cell : new int[] {0, 7, n - 1}) {
            long[] input = Arrays.stream(grid).asLongStream().toArray();
            input[cell] = k;                                             // the MASK id
            float[] logits = p.net().forward(engine.manager().create(input, new Shape(1, n)),
                    engine.manager().create(new long[] {p.spec().noClass()}), false, false).toFloatArray(); // (1, 1 + n, K)
            double expected = -Sampler.logProb(logits, (1 + cell) * k, k, grid[cell]);
            assertThat(nll[cell]).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
        }
        boolean[] region = new boolean[n];
        region[2] = region[3] = region[9] = true;
        assertThat(p.regionLogLikelihood(engine.manager(), grid, region, -1))
                .isCloseTo(-(nll[2] + nll[3] + nll[9]), org.assertj.core.api.Assertions.within(1e-4));
    }
}
