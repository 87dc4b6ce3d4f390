package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Adam's fused per-parameter update equals AdamW written out op by op (bias-corrected moments,
 * decoupled decay of matrices only, global-norm clipping) over several steps, and its moments
 * round-trip through {@link Adam#stateTensors()} so that a resumed run continues exactly.
 */
class AdamTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(7);

    private static final List<Shape> SHAPES = List.of(new Shape(6, 5), new Shape(5), new Shape(3, 4, 2), new Shape(1));

    @Test
    void theUpdateEqualsThePlainAdamWForSeveralStepsWithDecayAndClipping() {
        NDManager nd = engine.manager();
        // A large decay and learning rate so that the decoupled decay shows in every step.
        OptimSpec spec = new OptimSpec(0.05f, 0.01f, 0, 0.9f, 0.99f, 1e-8f, 0.1f, 2.0f);
        Map<String, NDArray> fused = params(nd), plain = copy(fused);
        Map<String, NDArray> m = zerosLike(nd, plain), v = zerosLike(nd, plain);
        try (Adam adam = new Adam(spec, fused, nd)) {
            for (int step = 1; step <= 6; step++) {
                // Gradients that pass the clipping norm on odd steps and stay under it on even ones.
                float scale = step % 2 == 1 ? 3f : 0.05f;
                Map<String, NDArray> seeds = new LinkedHashMap<>();
                fused.forEach((k, p) -> seeds.put(k, nd.randomNormal(p.getShape()).mul(scale)));
                backward(fused, seeds);
                backward(plain, seeds);
                double norm = adam.step(spec.lr());
                double plainNorm = plainStep(spec, spec.lr(), plain, m, v, step);
                assertThat(norm).isCloseTo(plainNorm, org.assertj.core.data.Percentage.withPercentage(1e-4));
                for (String k : fused.keySet()) {
                    assertClose(fused.get(k), plain.get(k));
                    assertClose(adam.stateTensors().get("m." + k), m.get(k));
                    assertClose(adam.stateTensors().get("v." + k), v.get(k));
                    assertThat(fused.get(k).getGradient().abs().max().getFloat()).isZero();
                }
            }
            assertThat(adam.stepCount()).isEqualTo(6);
        }
    }

    @Test
    void aRestoredOptimizerContinuesExactlyAsTheOneItWasSavedFrom() {
        NDManager nd = engine.manager();
        OptimSpec spec = new OptimSpec(0.01f, 0.001f, 0, 0.9f, 0.99f, 1e-8f, 0.01f, 1.0f);
        Map<String, NDArray> a = params(nd);
        try (Adam first = new Adam(spec, a, nd)) {
            for (int step = 0; step < 3; step++) {
                backward(a, seeds(nd, a));
                first.step(spec.lr());
            }
            Map<String, NDArray> b = copy(a);
            Map<String, NDArray> saved = new LinkedHashMap<>();
            first.stateTensors().forEach((k, x) -> saved.put(k, x.duplicate()));
            try (Adam second = new Adam(spec, b, nd)) {
                second.load(saved, first.stepCount());
                for (int step = 0; step < 3; step++) {
                    Map<String, NDArray> seeds = seeds(nd, a);
                    backward(a, seeds);
                    backward(b, seeds);
                    first.step(spec.lr());
                    second.step(spec.lr());
                }
                for (String k : a.keySet()) {
                    assertThat(b.get(k).toFloatArray()).containsExactly(a.get(k).toFloatArray());
                }
            }
        }
    }

    /** AdamW as the papers write it, one op at a time, on each parameter separately. */
    private static double plainStep(OptimSpec spec, float lr, Map<String, NDArray> params,
                                    Map<String, NDArray> m, Map<String, NDArray> v, long t) {
        try (NoGrad noGrad = NoGrad.enter()) {
            double sq = 0;
            for (NDArray p : params.values()) {
                sq += p.getGradient().square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            float clip = norm > spec.clipNorm() ? (float) (spec.clipNorm() / norm) : 1f;
            float bc1 = (float) (1 - Math.pow(spec.beta1(), t));
            float bc2 = (float) (1 - Math.pow(spec.beta2(), t));
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                NDArray g = p.getGradient().mul(clip);
                NDArray mk = m.get(e.getKey()), vk = v.get(e.getKey());
                mk.muli(spec.beta1()).addi(g.mul(1 - spec.beta1()));
                vk.muli(spec.beta2()).addi(g.square().muli(1 - spec.beta2()));
                NDArray update = mk.div(bc1).divi(vk.div(bc2).sqrt().addi(spec.eps()));
                if (p.getShape().dimension() > 1) {
                    p.muli(1 - lr * spec.weightDecay());
                }
                p.subi(update.muli(lr));
                p.getGradient().muli(0);
            }
            return norm;
        }
    }

    private static void assertClose(NDArray actual, NDArray expected) {
        float[] a = actual.toFloatArray(), e = expected.toFloatArray();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("element %d", i).isCloseTo(e[i], org.assertj.core.data.Offset.offset(1e-6f + 1e-5f * Math.abs(e[i])));
        }
    }

    private static void backward(Map<String, NDArray> params, Map<String, NDArray> seeds) {
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray loss = null;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray term = e.getValue().mul(seeds.get(e.getKey())).sum();
                loss = loss == null ? term : loss.add(term);
            }
            gc.backward(loss);
        }
    }

    private static Map<String, NDArray> seeds(NDManager nd, Map<String, NDArray> params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, nd.randomNormal(p.getShape())));
        return out;
    }

    private static Map<String, NDArray> params(NDManager nd) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (int i = 0; i < SHAPES.size(); i++) {
            NDArray p = nd.randomNormal(SHAPES.get(i));
            p.setRequiresGradient(true);
            out.put("p" + i, p);
        }
        return out;
    }

    private static Map<String, NDArray> copy(Map<String, NDArray> params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, p) -> {
            NDArray c = p.duplicate();
            c.setRequiresGradient(true);
            out.put(k, c);
        });
        return out;
    }

    private static Map<String, NDArray> zerosLike(NDManager nd, Map<String, NDArray> params) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        params.forEach((k, p) -> out.put(k, nd.zeros(p.getShape())));
        return out;
    }
}
