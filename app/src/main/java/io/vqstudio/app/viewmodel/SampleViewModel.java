package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Class-conditional sampling: a searchable list of the prior's class names ({@link ClassChoice}), the
 * sampling form (N, temperature, top-k, top-p, guidance, seed), and a gallery that fills as samples
 * arrive, row by row for an AR prior, with the progress in words and a cancel. Any sample can be saved
 * as PNG or opened in the editor.
 */
public final class SampleViewModel {

    private final StudioService service;
    private final JobRunner runner;
    private final ModelsViewModel models;
    private final WorkspaceViewModel workspace;
    private final SamplingForm form = new SamplingForm();
    private final ClassChoice choice;
    private final ObservableList<SampleItem> gallery = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<SampleItem> galleryView = FXCollections.unmodifiableObservableList(gallery);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private StudioJob<?> job;
    private boolean cancelling;
    private String sampled = "";

    public SampleViewModel(StudioService service, JobRunner runner, ModelsViewModel models,
                           WorkspaceViewModel workspace) {
        this.service = service;
        this.runner = runner;
        this.models = models;
        this.workspace = workspace;
        form.countProperty().set(8);
        form.guidanceProperty().set(2.0);
        choice = new ClassChoice(models, form);
    }

    public SamplingForm form() {
        return form;
    }

    /** The class to sample, among the active prior's. */
    public ClassChoice classChoice() {
        return choice;
    }

    /** The class names matching the search text. */
    public ObservableList<ClassChoice.ClassEntry> classes() {
        return choice.classes();
    }

    public StringProperty searchProperty() {
        return choice.searchProperty();
    }

    /** The class to sample (-1 = unconditional). */
    public IntegerProperty classIdProperty() {
        return choice.classIdProperty();
    }

    public ObservableList<SampleItem> gallery() {
        return galleryView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How far the running sample is, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** The running sample's progress in words ("row 5 of 16"), then how it ended; "" before the first. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public void run() {
        var kind = form.kindProperty().get();
        PriorInfo prior = models.priorProperty(kind).get();
        if (prior == null) {
            runner.notify(Notice.warning("Sampling needs a " + PriorKinds.label(kind) + " prior: open one (File > Open model...)"));
            return;
        }
        if (!choice.missingProperty().get().isEmpty()) {
            runner.notify(Notice.warning(choice.missingProperty().get()));
            return;
        }
        int n = form.samples();
        List<SampleItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new SampleItem("sample " + i));
        }
        gallery.setAll(items);
        running.set(true);
        cancelling = false;
        progress.set(0);
        status.set("starting...");
        sampled = choice.describe();
        StudioJob<List<TokenGrid>> sampling = service.sample(kind, choice.classIdProperty().get(), n, form.toSpec());
        job = sampling;
        runner.run("Sample " + n + " (" + sampled + ")", sampling, e -> onEvent(prior, items, e),
                grids -> decode(items, grids), this::stopped);
    }

    /** Stops the sample at its next row (or its decoding); the tiles keep what was drawn. */
    public void cancel() {
        if (job != null && running.get()) {
            cancelling = true;
            job.cancel();
        }
    }

    private void stopped(String message) {
        running.set(false);
        String at = status.get().startsWith("row ") ? " at " + status.get() : "";
        status.set("cancelled".equals(message) ? "cancelled" + at : "failed: " + message);
    }

    private void onEvent(PriorInfo prior, List<SampleItem> items, JobEvent e) {
        if (!running.get()) {
            return; // a late event of a stopped job
        }
        if (e instanceof JobEvent.Progress p && p.total() > 0) {
            progress.set(p.fraction());
            int g = prior.gridSize();
            boolean rows = prior.priorKind() == PriorKind.AR && p.total() == (long) g * g;
            status.set(rows ? "row " + p.done() / g + " of " + g : p.done() + " of " + p.total() + " " + p.unit());
        } else if (e instanceof JobEvent.Preview p && p.label().startsWith("sample ")) {
            try {
                int i = Integer.parseInt(p.label().substring(7).trim());
                if (i >= 0 && i < items.size()) {
                    items.get(i).setPartial(p.image());
                }
            } catch (NumberFormatException ignored) {
                // a preview of another kind: nothing to place
            }
        }
    }

    private void decode(List<SampleItem> items, List<TokenGrid> grids) {
        if (cancelling) { // asked to stop as the last row was drawn: the engine finished, nobody wants the pictures
            runner.notify(Notice.info("Sampling cancelled"));
            stopped("cancelled");
            return;
        }
        status.set("decoding...");
        StudioJob<List<RgbImage>> decoding = service.decode(grids);
        job = decoding;
        runner.run("Decode samples", decoding, null, images -> {
            running.set(false);
            progress.set(1);
            status.set(grids.size() + " samples of " + sampled);
            for (int i = 0; i < grids.size() && i < items.size(); i++) {
                items.get(i).complete(grids.get(i), images.get(i));
            }
        }, this::stopped);
    }

    public void save(SampleItem item, Path file) {
        if (item.imageProperty().get() == null) {
            return;
        }
        RgbImage image = item.imageProperty().get();
        runner.writeFile(file, () -> UserFiles.writePng(image, file), "Saved " + file.getFileName());
    }

    /** Adds the sample to the workspace as an editable image. */
    public ImageDocument openInEditor(SampleItem item) {
        TokenGrid g = item.gridProperty().get();
        if (g == null) {
            return null;
        }
        return workspace.addGenerated(item.label() + ("unconditional".equals(sampled) ? "" : " of " + sampled), g,
                item.imageProperty().get());
    }
}
