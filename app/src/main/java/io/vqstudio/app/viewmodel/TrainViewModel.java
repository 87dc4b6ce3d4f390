package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.app.service.PriorTrainRequest;
import io.vqstudio.bridge.api.RunRecord;
import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.api.Presets;
import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.TrainSummary;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Training from the studio: a tokenizer (images from a folder or zip) or a prior (token grids) with
 * a preset, into a run directory under the runs folder. Live metrics become chart points, previews
 * the latest reconstruction grid; runs can be stopped (at the next step, with a checkpoint),
 * reopened from disk and resumed.
 */
public final class TrainViewModel {

    /** What to train. */
    public enum Target {
        TOKENIZER("tokenizer", "Tokenizer"), PRIOR_AR("prior-ar", "AR prior"), PRIOR_MASKGIT("prior-maskgit", "MaskGIT prior"),
        /** The open tokenizer's decoder alone: same codes, so its priors stay valid. */
        DECODER("decoder", "Decoder of the open tokenizer");

        private final String record; // RunRecord#target
        private final String label;

        Target(String record, String label) {
            this.record = record;
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** One chart point: a metric's value at a step. */
    public record Point(String key, long step, double value) {}

    private final StudioService service;
    private final JobRunner runner;
    private final ObjectProperty<Target> target = new SimpleObjectProperty<>(Target.TOKENIZER);
    private final StringProperty data = new SimpleStringProperty("");
    private final StringProperty preset = new SimpleStringProperty("vit-cpu");
    private final LongProperty steps = new SimpleLongProperty(2000);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(16);
    private final ObjectProperty<Path> runsFolder;
    private final ReadOnlyObjectProperty<TokenizerInfo> openTokenizer;
    private final ObservableList<Path> runs = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<Path> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ReadOnlyObjectWrapper<Path> currentRun = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Point> points = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<Point> pointsView = FXCollections.unmodifiableObservableList(points);
    private final ReadOnlyObjectWrapper<RgbImage> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No run open");
    private StudioJob<TrainSummary> job;

    public TrainViewModel(StudioService service, JobRunner runner, Path runsFolder,
                          ReadOnlyObjectProperty<TokenizerInfo> openTokenizer) {
        this.service = service;
        this.runner = runner;
        this.openTokenizer = openTokenizer;
        this.runsFolder = new SimpleObjectProperty<>(runsFolder);
        this.runsFolder.addListener((obs, o, n) -> refreshRuns());
        target.addListener((obs, o, t) -> {
            if (t != Target.DECODER && !presets(t).contains(preset.get())) {
                preset.set(presets(t).get(t == Target.TOKENIZER ? 0 : 2));
            }
        });
        refreshRuns();
    }

    /** The preset names for a target: tokenizer presets, or the prior presets of its kind (none for a decoder). */
    public static List<String> presets(Target t) {
        return switch (t) {
            case TOKENIZER -> Presets.tokenizerNames();
            case DECODER -> List.of();
            case PRIOR_AR -> List.copyOf(PriorSpec.presets(PriorKind.AR).keySet());
            case PRIOR_MASKGIT -> List.copyOf(PriorSpec.presets(PriorKind.MASKGIT).keySet());
        };
    }

    public ObjectProperty<Target> targetProperty() {
        return target;
    }

    /**
     * Images (folder, zip or IDX) for a tokenizer; for a prior, a token file from {@code tokenize} or
     * images, which the bridge first tokenizes with the open tokenizer.
     */
    public StringProperty dataProperty() {
        return data;
    }

    public StringProperty presetProperty() {
        return preset;
    }

    public LongProperty stepsProperty() {
        return steps;
    }

    public IntegerProperty batchSizeProperty() {
        return batchSize;
    }

    public ObjectProperty<Path> runsFolderProperty() {
        return runsFolder;
    }

    public ObservableList<Path> runs() {
        return runsView;
    }

    public ReadOnlyObjectProperty<Path> currentRunProperty() {
        return currentRun.getReadOnlyProperty();
    }

    /** Every metric point of the current run, in arrival order. */
    public ObservableList<Point> points() {
        return pointsView;
    }

    public ReadOnlyObjectProperty<RgbImage> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Lists the runs folder off the UI thread. */
    public void refreshRuns() {
        Path folder = runsFolder.get();
        runner.dispatch().background(() -> {
            List<Path> found = RunRecord.list(folder);
            runner.dispatch().ui(() -> runs.setAll(found));
        });
    }

    /** Starts a new run named after the preset and the time. */
    public void start() {
        if (running.get()) {
            return;
        }
        if (data.get() == null || data.get().isBlank()) {
            runner.notify(Notice.warning("Choose the training data first (a folder or zip of images, or a token file)"));
            return;
        }
        TokenizerInfo source = target.get() == Target.DECODER ? openTokenizer.get() : null; // the decoder's tokenizer
        if (target.get() == Target.DECODER && source == null) {
            runner.notify(Notice.warning("Open the tokenizer whose decoder to fine-tune first (Models page)"));
            return;
        }
        if (source != null && !source.trainable()) {
            runner.notify(Notice.error(source.name() + " is a " + source.family() + " tokenizer imported from another"
                    + " project, for inference only: its decoder cannot be fine-tuned here; fine-tune a tokenizer trained"
                    + " with VQ Studio, or train a new one."));
            return;
        }
        RunRecord rec = new RunRecord(target.get().record, data.get().trim(), source != null ? source.name() : preset.get(),
                steps.get(), batchSize.get(), source != null ? source.path().toString() : null);
        RunPlan<TokenizerTrainSpec> stage1;
        try {
            // The plan is checked (an unknown preset refused) before a run dir exists.
            stage1 = RunSpecs.stage1(rec, source == null ? null : source::trainableSpec);
            if (stage1 != null) {
                stage1.newRun();
            }
        } catch (IOException | RuntimeException e) {
            runner.notify(Notice.error(e.getMessage()));
            return;
        }
        String name = (source != null ? "decoder-" : "") + rec.preset() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path folder = runsFolder.get();
        running.set(true); // a second start waits for this one's folder
        runner.dispatch().background(() -> {
            try {
                Path dir = newFolder(folder, name);
                rec.write(dir);
                runner.dispatch().ui(() -> {
                    launch(dir, rec, false, stage1);
                    refreshRuns();
                });
            } catch (IOException e) {
                runner.dispatch().ui(() -> running.set(false));
                runner.notify(Notice.error("Cannot create a run folder in " + folder + ": " + e.getMessage()));
            }
        });
    }

    /**
     * A folder for a new run that did not exist before (created here, so two starts cannot share
     * one): {@code name}, or {@code name-2}, {@code name-3}... where a run of that name is already.
     */
    private static Path newFolder(Path runs, String name) throws IOException {
        Files.createDirectories(runs);
        for (int n = 1; ; n++) {
            try {
                return Files.createDirectory(runs.resolve(n == 1 ? name : name + "-" + n));
            } catch (FileAlreadyExistsException e) {
                // taken: try the next name
            }
        }
    }

    /** Continues the current run from its last checkpoint, with the settings it saved. */
    public void resume() {
        Path dir = currentRun.get();
        if (dir == null || running.get()) {
            return;
        }
        runner.dispatch().background(() -> {
            try {
                RunRecord rec = RunRecord.read(dir);
                // The run continues with its saved train.json; this plan's new run is only the fallback.
                RunPlan<TokenizerTrainSpec> stage1 = RunSpecs.stage1(rec,
                        rec.decoderOf() == null ? null : () -> UserFiles.trainableTokenizerSpec(Path.of(rec.decoderOf())));
                runner.dispatch().ui(() -> launch(dir, rec, true, stage1));
            } catch (IOException | RuntimeException e) {
                runner.notify(Notice.error("Cannot resume " + dir.getFileName() + ": " + e.getMessage()));
            }
        });
    }

    public void stop() {
        if (job != null && running.get()) {
            status.set("Stopping at the next step (the last checkpoint stays)...");
            job.cancel();
        }
    }

    /** Shows a run from disk (read off the UI thread): its logged metrics and latest preview. */
    public void open(Path dir) {
        if (running.get()) {
            runner.notify(Notice.warning("Stop the running training before opening another run"));
            return;
        }
        runner.dispatch().background(() -> {
            try {
                RunRecord.Opened run = RunRecord.open(dir);
                List<Point> loaded = run.metrics().stream()
                        .flatMap(r -> r.values().entrySet().stream().map(e -> new Point(e.getKey(), r.step(), e.getValue())))
                        .toList();
                runner.dispatch().ui(() -> {
                    currentRun.set(dir);
                    points.setAll(loaded);
                    preview.set(run.preview());
                    progress.set(0);
                    status.set(describe(run.record()) + " - " + (loaded.isEmpty() ? "no metrics yet" : "reopened"));
                });
            } catch (IOException | RuntimeException e) {
                runner.notify(Notice.error("Cannot open the run " + dir + ": " + e.getMessage()));
            }
        });
    }

    private void launch(Path dir, RunRecord rec, boolean resume, RunPlan<TokenizerTrainSpec> stage1) {
        if (!resume) {
            points.clear();
            preview.set(null);
        }
        currentRun.set(dir);
        running.set(true);
        progress.set(0);
        status.set((resume ? "Resuming " : "Starting ") + describe(rec));
        job = rec.isTokenizer()
                ? service.trainTokenizer(stage1, dir, resume)
                : service.trainPrior(new PriorTrainRequest(Path.of(rec.data()), rec.priorKind(), rec.preset(),
                        rec.steps(), rec.batchSize()), dir, resume);
        runner.run("Train " + rec.target() + " " + dir.getFileName(), job, this::onEvent, summary -> {
            running.set(false);
            progress.set(1);
            status.set("Finished: " + summary);
            refreshRuns();
        }, msg -> {
            running.set(false);
            status.set("cancelled".equals(msg) ? "Stopped; resume continues from the last checkpoint" : "Failed: " + msg);
            if (!"cancelled".equals(msg)) {
                runner.notify(Notice.error("Training failed: " + msg));
            }
        });
    }

    private void onEvent(JobEvent e) {
        if (e instanceof JobEvent.Metrics m) {
            for (Map.Entry<String, Double> v : m.values().entrySet()) {
                points.add(new Point(v.getKey(), m.step(), v.getValue()));
            }
        } else if (e instanceof JobEvent.Preview p) {
            preview.set(p.image());
        } else if (e instanceof JobEvent.Progress p) {
            if (p.total() > 0) {
                progress.set(p.fraction());
            }
            status.set(p.message().isEmpty() ? p.done() + " / " + p.total() + " " + p.unit() : p.message());
        } else if (e instanceof JobEvent.Notice n) {
            runner.notify(Notice.info(n.message()));
        } else if (e instanceof JobEvent.CheckpointSaved c) {
            status.set("Checkpoint saved at step " + c.step());
        }
    }

    private static String describe(RunRecord rec) {
        return rec.target() + " " + rec.preset() + ", " + rec.steps() + " steps, batch " + rec.batchSize();
    }
}
