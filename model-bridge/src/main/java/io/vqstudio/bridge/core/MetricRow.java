package io.vqstudio.bridge.core;

import java.util.Map;

/**
 * One logged row of a training run: its step and named scalars ({@code train/loss},
 * {@code val/psnr}...), as the metrics log holds them and the studio's charts draw them.
 */
public record MetricRow(long step, Map<String, Double> values) {

    public MetricRow {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values)); // in the order given
    }
}
