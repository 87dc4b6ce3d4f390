package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (AdamW, Loshchilov and Hutter 2019) and global-norm gradient
 * clipping, written out in a few NDArray ops so that its moments can be saved and restored
 * exactly (DJL's optimisers keep theirs private). Biases and norm gains (1-D parameters) are not
 * decayed. All updates are in place, outside any gradient recording.
 */
public final class Adam implements AutoCloseable {

    private final OptimSpec spec;
    private final Map<String, NDArray> params;
    private final NDManager state;
    private final Map<String, NDArray> m = new LinkedHashMap<>();
    private final Map<String, NDArray> v = new LinkedHashMap<>();
    private long t;

    public Adam(OptimSpec spec, Map<String, NDArray> params, NDManager parent) {
        this.spec = spec;
        this.params = params;
        this.state = parent.newSubManager();
        params.forEach((k, p) -> {
            m.put(k, state.zeros(p.getShape()));
            v.put(k, state.zeros(p.getShape()));
        });
    }

    /**
     * Clips, updates every parameter from its gradient, and zeroes the gradients.
     *
     * @return the global gradient norm before clipping (NaN or inf when the step was skipped)
     */
    public double step(float lr) {
        Map<String, NDArray> grads = new LinkedHashMap<>();
        double sq = 0;
        // The scope frees every temporary, whichever manager it landed in; moments and
        // parameters are only changed in place, so they survive it.
        try (NoGrad noGrad = NoGrad.enter(); NDScope scope = new NDScope()) {
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray g = e.getValue().getGradient();
                grads.put(e.getKey(), g);
                sq += g.square().sum().getFloat();
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                zeroGrad();
                return norm;
            }
            float clip = spec.clipNorm() > 0 && norm > spec.clipNorm() ? (float) (spec.clipNorm() / norm) : 1f;
            t++;
            float bc1 = (float) (1 - Math.pow(spec.beta1(), t));
            float bc2 = (float) (1 - Math.pow(spec.beta2(), t));
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                String k = e.getKey();
                NDArray p = e.getValue();
                NDArray g = grads.get(k).mul(clip);
                m.get(k).muli(spec.beta1()).addi(g.mul(1 - spec.beta1()));
                v.get(k).muli(spec.beta2()).addi(g.square().muli(1 - spec.beta2()));
                NDArray update = m.get(k).div(bc1).divi(v.get(k).div(bc2).sqrt().addi(spec.eps()));
                if (spec.weightDecay() > 0 && p.getShape().dimension() > 1) {
                    p.muli(1 - lr * spec.weightDecay());
                }
                p.subi(update.muli(lr));
            }
            zeroGrad();
            return norm;
        }
    }

    /** Zeroes every parameter's gradient (also needed after auxiliary backward passes). */
    public void zeroGrad() {
        params.values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
    }

    /** Zeroes the moments of some rows of a 2-D parameter (codes that were just restarted). */
    public void resetRows(String name, int[] rows) {
        for (Map<String, NDArray> moments : List.of(m, v)) {
            NDArray a = moments.get(name);
            long cols = a.getShape().get(1);
            float[] values = a.toFloatArray();
            for (int r : rows) {
                java.util.Arrays.fill(values, (int) (r * cols), (int) ((r + 1) * cols), 0f);
            }
            InPlace.set(a, values);
        }
    }

    public long stepCount() {
        return t;
    }

    /** The moments by name ({@code m.<param>}, {@code v.<param>}) for a checkpoint. */
    public Map<String, NDArray> stateTensors() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        m.forEach((k, a) -> out.put("m." + k, a));
        v.forEach((k, a) -> out.put("v." + k, a));
        return out;
    }

    /** Restores moments and the step count saved by {@link #stateTensors()}. */
    public void load(Map<String, NDArray> saved, long steps) {
        try (NoGrad noGrad = NoGrad.enter()) {
            loadMoments(saved);
        }
        t = steps;
    }

    private void loadMoments(Map<String, NDArray> saved) {
        for (Map.Entry<String, NDArray> e : stateTensors().entrySet()) {
            NDArray s = saved.get(e.getKey());
            if (s == null || !s.getShape().equals(e.getValue().getShape())) {
                throw new IllegalArgumentException("optimizer state does not match the model at " + e.getKey());
            }
            InPlace.set(e.getValue(), s.toFloatArray());
        }
    }

    @Override
    public void close() {
        state.close();
    }
}
