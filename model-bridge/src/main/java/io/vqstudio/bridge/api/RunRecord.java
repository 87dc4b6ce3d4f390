package io.vqstudio.bridge.api;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.core.MetricRow;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.MetricsLog;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.RunDir;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a face (the studio) keeps about a training run in its directory ({@link RunDir#studioRecord}), so the
 * run can be listed, reopened (metrics, latest preview) and resumed with the same settings. Runs
 * started from the command line have only the engine's spec ({@link RunDir#trainSpecFile}), which is
 * read instead. Every file name comes from {@link RunDir}; these reads run off the UI thread.
 *
 * @param target    "tokenizer", "decoder" (a decoder fine-tune), "prior-ar" or "prior-maskgit"
 * @param data      images (tokenizer runs) or a token file (prior runs)
 * @param preset    the preset, or for a decoder fine-tune the name of the tokenizer it starts from
 * @param decoderOf for a decoder fine-tune, that tokenizer's checkpoint; null otherwise
 */
public record RunRecord(String target, String data, String preset, long steps, int batchSize, String decoderOf) {

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** A run as the Train page reopens it: its record, its logged rows and its newest preview (or null). */
    public record Opened(RunRecord record, List<MetricRow> metrics, RgbImage preview) {}

    /** A stage-1 run: a tokenizer, or the decoder of one. */
    public boolean isTokenizer() {
        return "tokenizer".equals(target) || "decoder".equals(target);
    }

    public PriorKind priorKind() {
        return "prior-maskgit".equals(target) ? PriorKind.MASKGIT : PriorKind.AR;
    }

    public void write(Path runDir) throws IOException {
        Files.createDirectories(runDir);
        Files.writeString(new RunDir(runDir).studioRecord(), GSON.toJson(this));
    }

    /** The run's record, from the studio's file or else from the engine's spec. */
    public static RunRecord read(Path runDir) throws IOException {
        RunDir run = new RunDir(runDir);
        if (Files.isRegularFile(run.studioRecord())) {
            return GSON.fromJson(Files.readString(run.studioRecord()), RunRecord.class);
        }
        if (!Files.isRegularFile(run.trainSpecFile())) {
            throw new IOException(runDir + " is not a training run (no " + run.studioRecord().getFileName() + " or "
                    + run.trainSpecFile().getFileName() + ")");
        }
        JsonObject o = JsonParser.parseString(Files.readString(run.trainSpecFile())).getAsJsonObject();
        if (o.has("tokens")) {
            PriorTrainSpec spec = Json.GSON.fromJson(o, PriorTrainSpec.class);
            return new RunRecord(spec.kind() == PriorKind.MASKGIT ? "prior-maskgit" : "prior-ar", spec.tokens(),
                    spec.preset(), spec.steps(), spec.batchSize(), null);
        }
        TokenizerTrainSpec spec = Json.GSON.fromJson(o, TokenizerTrainSpec.class);
        return new RunRecord(spec.decoderOnly() ? "decoder" : "tokenizer", spec.data(), spec.model().name(), spec.steps(),
                spec.batchSize(), spec.decoderOf());
    }

    /** The run in {@code runDir} with its logged metrics (torn lines skipped) and newest preview. */
    public static Opened open(Path runDir) throws IOException {
        RunDir run = new RunDir(runDir);
        Path preview = run.latestPreview();
        return new Opened(read(runDir), MetricsLog.read(run.metricsFile()), preview == null ? null : ImageFiles.read(preview));
    }

    /** Sub-directories of {@code runsDir} that hold a run, newest first. */
    public static List<Path> list(Path runsDir) {
        if (!Files.isDirectory(runsDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(runsDir)) {
            return s.filter(d -> new RunDir(d).isRun()).sorted((a, b) -> Long.compare(modified(b), modified(a))).toList();
        } catch (IOException e) {
            return List.of();
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
