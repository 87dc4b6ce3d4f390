package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import io.vqstudio.bridge.nn.Scalars;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A loss to minimise and its parts for the log, taming-style: {@code (loss, log)} with keys such as
 * {@code train/rec_loss}. Parts are read (synchronising with the engine) only when logged.
 */
public final class StepLosses {

    private NDArray total;
    private final Map<String, NDArray> parts = new LinkedHashMap<>();
    private final Map<String, Double> scalars = new LinkedHashMap<>();

    /** Adds {@code weight * value} to the total and logs the unweighted value under {@code key}. */
    public StepLosses add(String key, float weight, NDArray value) {
        parts.put(key, value);
        if (weight != 0) {
            NDArray w = Scalars.mul(value, weight);
            total = total == null ? w : total.add(w);
        }
        return this;
    }

    /** Logs a plain number (a weight, a norm) that is not part of the loss. */
    public StepLosses log(String key, double value) {
        scalars.put(key, value);
        return this;
    }

    public NDArray total() {
        if (total == null) {
            throw new IllegalStateException("every loss is switched off: nothing to train");
        }
        return total;
    }

    /** The logged values as numbers. */
    public Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        parts.forEach((k, v) -> out.put(k, (double) v.getFloat()));
        out.putAll(scalars);
        return out;
    }
}
