package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * Class-conditional sampling: a searchable list of the prior's class names, the sampling form
 * (N, temperature, top-k, top-p, guidance, seed), and a gallery that fills as samples arrive.
 * Any sample can be saved as PNG or opened in the editor.
 */
public final class SampleViewModel {

    /** A class of the active prior: its id and name. */
    public record ClassEntry(int id, String name) {
        @Override
        public String toString() {
            return name + "  (" + id + ")";
        }
    }

    private final StudioService service;
    private final JobRunner runner;
    private final ModelsViewModel models;
    private final WorkspaceViewModel workspace;
    private final SamplingForm form = new SamplingForm();
    private final ObservableList<ClassEntry> classes = FXCollections.observableArrayList();
    private final FilteredList<ClassEntry> visibleClasses = new FilteredList<>(classes);
    private final StringProperty search = new SimpleStringProperty("");
    private final IntegerProperty classId = new SimpleIntegerProperty(-1);
    private final ObservableList<SampleItem> gallery = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<SampleItem> galleryView = FXCollections.unmodifiableObservableList(gallery);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private StudioJob<List<TokenGrid>> job;

    public SampleViewModel(StudioService service, JobRunner runner, ModelsViewModel models,
                           WorkspaceViewModel workspace) {
        this.service = service;
        this.runner = runner;
        this.models = models;
        this.workspace = workspace;
        form.countProperty().set(8);
        form.guidanceProperty().set(2.0);
        search.addListener((obs, o, text) -> {
            String q = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            visibleClasses.setPredicate(c -> q.isEmpty() || c.name().toLowerCase(Locale.ROOT).contains(q)
                    || Integer.toString(c.id()).equals(q));
        });
        form.kindProperty().addListener((obs, o, n) -> loadClasses());
        for (var kind : io.vqstudio.bridge.core.PriorKind.values()) {
            models.priorProperty(kind).addListener((obs, o, n) -> loadClasses());
        }
        loadClasses();
    }

    public SamplingForm form() {
        return form;
    }

    /** The class names matching the search text. */
    public ObservableList<ClassEntry> classes() {
        return visibleClasses;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** The class to sample (-1 = unconditional). */
    public IntegerProperty classIdProperty() {
        return classId;
    }

    public ObservableList<SampleItem> gallery() {
        return galleryView;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    private void loadClasses() {
        PriorInfo prior = models.priorProperty(form.kindProperty().get()).get();
        List<ClassEntry> out = new ArrayList<>();
        if (prior != null) {
            for (int i = 0; i < prior.classNames().size(); i++) {
                out.add(new ClassEntry(i, prior.classNames().get(i)));
            }
        }
        classes.setAll(out);
        if (classId.get() >= out.size()) {
            classId.set(-1);
        }
    }

    public void run() {
        var kind = form.kindProperty().get();
        if (models.priorProperty(kind).get() == null) {
            runner.notify(Notice.warning("Sampling needs a " + PriorKinds.label(kind) + " prior: open one (File > Open model...)"));
            return;
        }
        int n = form.samples();
        List<SampleItem> items = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            items.add(new SampleItem("sample " + i));
        }
        gallery.setAll(items);
        running.set(true);
        job = service.sample(kind, classId.get(), n, form.toSpec());
        String what = classId.get() < 0 ? "unconditional" : "class " + classId.get();
        runner.run("Sample " + n + " (" + what + ")", job, e -> onEvent(items, e), grids -> decode(items, grids),
                msg -> running.set(false));
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    private void onEvent(List<SampleItem> items, JobEvent e) {
        if (e instanceof JobEvent.Preview p && p.label().startsWith("sample ")) {
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
        runner.run("Decode samples", service.decode(grids), null, images -> {
            running.set(false);
            for (int i = 0; i < grids.size() && i < items.size(); i++) {
                items.get(i).complete(grids.get(i), images.get(i));
            }
        }, msg -> running.set(false));
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
        return workspace.addGenerated(item.label() + (classId.get() < 0 ? "" : " of class " + classId.get()), g,
                item.imageProperty().get());
    }
}
