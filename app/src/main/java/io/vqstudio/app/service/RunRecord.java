package io.vqstudio.app.service;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.RunDir;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What the studio keeps about a training run in its directory ({@code studio-run.json}), so the
 * run can be listed, reopened (metrics, latest preview) and resumed with the same settings. Runs
 * started from the command line have only the engine's {@code train.json}, which is read instead.
 *
 * @param target    "tokenizer", "decoder" (a decoder fine-tune), "prior-ar" or "prior-maskgit"
 * @param data      images (tokenizer runs) or a token file (prior runs)
 * @param preset    the preset, or for a decoder fine-tune the name of the tokenizer it starts from
 * @param decoderOf for a decoder fine-tune, that tokenizer's checkpoint; null otherwise
 */
public record RunRecord(String target, String data, String preset, long steps, int batchSize, String decoderOf) {

    public static final String FILE = "studio-run.json";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** One logged row: step and named scalars. */
    public record MetricRow(long step, Map<String, Double> values) {}

    /** A stage-1 run: a tokenizer, or the decoder of one. */
    public boolean isTokenizer() {
        return "tokenizer".equals(target) || "decoder".equals(target);
    }

    public PriorKind priorKind() {
        return "prior-maskgit".equals(target) ? PriorKind.MASKGIT : PriorKind.AR;
    }

    public void write(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(runDir.resolve(FILE), GSON.toJson(this));
    }

    /** The run's record, from the studio's file or else from the engine's train.json. */
    public static RunRecord read(Path runDir) throws IOException {
        Path own = runDir.resolve(FILE);
        if (Files.isRegularFile(own)) {
            return GSON.fromJson(Files.readString(own), RunRecord.class);
        }
        Path train = runDir.resolve("train.json");
        if (!Files.isRegularFile(train)) {
            throw new IOException(runDir + " is not a training run (no " + FILE + " or train.json)");
        }
        JsonObject o = JsonParser.parseString(Files.readString(train)).getAsJsonObject();
        if (o.has("tokens")) {
            PriorTrainSpec spec = Json.GSON.fromJson(o, PriorTrainSpec.class);
            return new RunRecord(spec.kind() == PriorKind.MASKGIT ? "prior-maskgit" : "prior-ar", spec.tokens(),
                    spec.preset(), spec.steps(), spec.batchSize(), null);
        }
        TokenizerTrainSpec spec = Json.GSON.fromJson(o, TokenizerTrainSpec.class);
        return new RunRecord(spec.decoderOnly() ? "decoder" : "tokenizer", spec.data(), spec.model().name(), spec.steps(),
                spec.batchSize(), spec.decoderOf());
    }

    /**
     * The settings a resumed run continues with: the engine's own {@code train.json}, which the CLI's
     * {@code --resume} reads too, so a run started there keeps its learning rate, losses, schedule (and,
     * for a decoder fine-tune, its frozen encoder); {@code fallback} when there is none yet.
     */
    public static <T> T resumedSpec(Path runDir, Class<T> type, T fallback) {
        try {
            T saved = RunDir.savedTrainSpec(runDir, type);
            return saved != null ? saved : fallback;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot read the run's settings in " + runDir + ": " + e.getMessage(), e);
        }
    }

    /** Sub-directories of {@code runsDir} that hold a run, newest first. */
    public static List<Path> list(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.filter(d -> Files.isRegularFile(d.resolve(FILE)) || Files.isRegularFile(d.resolve("train.json")))
                    .sorted((a, b) -> Long.compare(modified(b), modified(a))).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The rows of {@code metrics.jsonl}; torn or foreign lines are skipped. */
    public static List<MetricRow> metrics(Path runDir) throws IOException {
        Path file = runDir.resolve("metrics.jsonl");
        List<MetricRow> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        for (String line : Files.readAllLines(file)) {
            try {
                JsonObject o = JsonParser.parseString(line).getAsJsonObject();
                Map<String, Double> values = new TreeMap<>();
                for (var e : o.entrySet()) {
                    if (!e.getKey().equals("step") && e.getValue().isJsonPrimitive()
                            && e.getValue().getAsJsonPrimitive().isNumber()) {
                        values.put(e.getKey(), e.getValue().getAsDouble());
                    }
                }
                out.add(new MetricRow(o.get("step").getAsLong(), values));
            } catch (RuntimeException e) {
                // a torn last line from an interrupted run
            }
        }
        return out;
    }

    /** The newest preview picture of the run, or null. */
    public static RgbImage latestPreview(Path runDir) throws IOException {
        Path dir = runDir.resolve("previews");
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> s = Files.list(dir)) {
            Path last = s.filter(p -> p.toString().endsWith(".png")).max(Path::compareTo).orElse(null);
            return last == null ? null : ImageFiles.read(last);
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
