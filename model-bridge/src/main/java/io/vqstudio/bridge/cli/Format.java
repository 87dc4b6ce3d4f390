package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.io.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** What commands print: compact human-readable metric lines, and the one JSON object of {@code --json}. */
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

    /** Prints a command's result on stdout as its one JSON object (non-finite numbers as null). */
    static void json(Object result) {
        System.out.println(Json.output(result));
        System.out.flush();
    }

    /** Prints {@code name, value, name, value, ...} on stdout as one JSON object, in that order. */
    static void jsonFields(Object... namesAndValues) {
        Map<String, Object> o = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            o.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        json(o);
    }
}
