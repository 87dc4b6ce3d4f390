package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.NoGrad;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Adam with decoupled weight decay (AdamW, Loshchilov and Hutter 2019) and global-norm gradient
 * clipping, one native update per parameter over moments kept here, so that its moments can be saved and restored
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
     * <p>Each parameter is updated by one native call (libtorch ops run back to back on that
     * parameter while it is in cache, no Java array per op): {@code p -= p * lr * wd} (matrices
     * only), {@code m = b1 m + (1 - b1) c g}, {@code v = b2 v + (1 - b2) (c g)^2},
     * {@code p -= lrHat m / (sqrt(v) + epsHat)}, with c the clipping factor and the bias corrections
     * folded into two scalars per step: {@code lrHat = lr sqrt(1 - b2^t) / (1 - b1^t)},
     * {@code epsHat = eps sqrt(1 - b2^t)}. That is {@code lr mHat / (sqrt(vHat) + eps)} up to float
     * rounding.
     *
     * @return the global gradient norm before clipping (NaN or inf when the step was skipped)
     */
    public double step(float lr) {
        List<PtNDArray> grads = new ArrayList<>(params.size());
        // The scope frees every temporary, whichever manager it landed in; moments and
        // parameters are only changed in place, so they survive it.
        try (NoGrad noGrad = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDList squares = new NDList(params.size());
            for (NDArray p : params.values()) {
                PtNDArray g = (PtNDArray) p.getGradient();
                grads.add(g);
                PtNDArray flat = JniUtils.reshape(g, new long[] {-1}); // (n) view
                squares.add(JniUtils.dot(flat, flat)); // () sum of squares, one pass
            }
            double sq = 0;
            for (float s : NDArrays.stack(squares).toFloatArray()) { // one read-back for all parameters
                sq += s;
            }
            double norm = Math.sqrt(sq);
            if (!Double.isFinite(norm)) {
                zeroGrad();
                return norm;
            }
            float clip = spec.clipNorm() > 0 && norm > spec.clipNorm() ? (float) (spec.clipNorm() / norm) : 1f;
            t++;
            double bc1 = 1 - Math.pow(spec.beta1(), t);
            double sqrtBc2 = Math.sqrt(1 - Math.pow(spec.beta2(), t));
            float lrHat = (float) (lr * sqrtBc2 / bc1);
            float epsHat = (float) (spec.eps() * sqrtBc2);
            int i = 0;
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray p = e.getValue();
                float wd = p.getShape().dimension() > 1 ? spec.weightDecay() : 0f;
                // clipGrad -1: no elementwise clamp; adamw: decay decoupled from the moments.
                JniUtils.adamUpdate((PtNDArray) p, grads.get(i++), (PtNDArray) m.get(e.getKey()),
                        (PtNDArray) v.get(e.getKey()), lr, lrHat, wd, clip, -1f, spec.beta1(), spec.beta2(), epsHat, true);
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
