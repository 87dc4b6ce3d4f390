package io.vqstudio.bridge.cli;

import java.util.Map;
import java.util.stream.Collectors;

/** Compact human-readable metric lines. */
final class Format {

    private Format() {}

    static String metrics(Map<String, Double> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + " " + number(e.getValue()))
                .collect(Collectors.joining("  "));
    }

    static String number(double v) {
        double a = Math.abs(v);
        if (v == Math.rint(v) && a < 1e9) {
            return String.format("%d", (long) v);
        }
        return a >= 100 ? String.format("%.1f", v) : a >= 0.01 ? String.format("%.4f", v) : String.format("%.3e", v);
    }
}
