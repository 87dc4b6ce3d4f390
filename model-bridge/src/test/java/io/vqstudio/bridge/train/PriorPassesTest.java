package io.vqstudio.bridge.train;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A prior's batch run in slices of a few grids trains exactly as in one pass. */
class PriorPassesTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(11);

    @Test
    void aBatchInSlicesGivesTheLossAndGradientsOfOnePass() {
        PriorSpec spec = PriorSpec.preset(PriorKind.AR, "ar-tiny").forData(4, 64, 2); // no dropout: deterministic
        TransformerPrior prior = PriorStore.build(engine.manager(), spec);
        Random r = new Random(3);
        int size = 7, n = spec.tokens();
        long[] tokens = new long[size * n], classes = new long[size];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(64);
        }
        for (int i = 0; i < size; i++) {
            classes[i] = r.nextInt(2);
        }
        double whole = PriorTrainer.accumulateGradients(prior, tokens, classes, size, new Random(1), engine.manager());
        Map<String, float[]> once = gradientsThenZero(prior);
        double sliced = PriorTrainer.accumulateGradients(prior, tokens, classes, 3, new Random(1), engine.manager()); // 3 + 3 + 1
        Map<String, float[]> inSlices = gradientsThenZero(prior);

        assertThat(sliced).isCloseTo(whole, within(1e-5));
        assertThat(inSlices.keySet()).isEqualTo(once.keySet());
        for (String name : once.keySet()) {
            float[] a = once.get(name), b = inSlices.get(name);
            double scale = 0;
            for (float v : a) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertThat(scale).as(name).isPositive();
            for (int i = 0; i < a.length; i++) {
                assertThat((double) b[i]).as(name + "[" + i + "]").isCloseTo(a[i], within(1e-5 * scale + 1e-7));
            }
        }
    }

    @Test
    void onTheCpuPassesHoldAboutFiveHundredTokensAndAGpuTakesTheBatchWhole() {
        assertThat(PriorTrainer.passGrids(256, 32, Device.cpu())).isEqualTo(2);    // 16x16 grids: ar-cpu, maskgit-cpu
        assertThat(PriorTrainer.passGrids(16, 8, Device.cpu())).isEqualTo(8);      // 4x4 grids: no more than the batch
        assertThat(PriorTrainer.passGrids(1024, 32, Device.cpu())).isEqualTo(1);   // 32x32 grids: the paper's VIM
        assertThat(PriorTrainer.passGrids(256, 32, Device.gpu())).isEqualTo(32);
    }

    private static Map<String, float[]> gradientsThenZero(TransformerPrior prior) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> p : prior.net().parameters().entrySet()) {
            out.put(p.getKey(), p.getValue().getGradient().toFloatArray());
            JniUtils.zeroGrad((PtNDArray) p.getValue());
        }
        return out;
    }
}
