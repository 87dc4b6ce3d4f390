package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.MetricRow;
import io.vqstudio.bridge.io.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Appends one JSON object per line ({@code {"step": 100, "train/rec_loss": 0.02, ...}}) to a run's
 * {@code metrics.jsonl}. On resume, lines past the checkpoint's step are dropped first, so the file
 * reads as one uninterrupted run.
 */
public final class MetricsLog implements AutoCloseable {

    private final BufferedWriter out;

    /** The rows of a metrics log, in file order; torn or foreign lines are skipped. Empty when it does not exist. */
    public static List<MetricRow> read(Path file) throws IOException {
        List<MetricRow> rows = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return rows;
        }
        for (String line : Files.readAllLines(file)) {
            try {
                JsonObject o = Json.COMPACT.fromJson(line, JsonObject.class);
                Map<String, Double> values = new TreeMap<>();
                for (var e : o.entrySet()) {
                    if (!e.getKey().equals("step") && e.getValue().isJsonPrimitive()
                            && e.getValue().getAsJsonPrimitive().isNumber()) {
                        values.put(e.getKey(), e.getValue().getAsDouble());
                    }
                }
                rows.add(new MetricRow(o.get("step").getAsLong(), values));
            } catch (RuntimeException e) {
                // a torn last line from an interrupted run
            }
        }
        return rows;
    }

    public MetricsLog(Path file, long resumeStep) throws IOException {
        if (Files.exists(file)) {
            var kept = Files.readAllLines(file).stream()
                    .filter(l -> !l.isBlank() && stepOf(l) <= resumeStep).toList();
            Files.write(file, kept);
        }
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    public void write(long step, Map<String, Double> values) throws IOException {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("step", step);
        row.putAll(values);
        out.write(Json.COMPACT.toJson(row));
        out.newLine();
        out.flush();
    }

    private static long stepOf(String line) {
        try {
            return Json.COMPACT.fromJson(line, JsonObject.class).get("step").getAsLong();
        } catch (RuntimeException e) {
            return Long.MAX_VALUE; // a torn last line from a crash: drop it
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
