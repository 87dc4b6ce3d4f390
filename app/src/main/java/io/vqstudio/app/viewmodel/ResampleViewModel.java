package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.RgbImage;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Resampling a region: the selected cells are redrawn by a prior (MaskGIT or AR) with the form's
 * temperature, top-k, top-p, guidance and N, conditioned on the chosen class ({@link ClassChoice}; a
 * prior without a null class needs one). The region fills progressively from the job's previews; then
 * the N candidates, most likely first, can be stepped through and one accepted as an edit.
 */
public final class ResampleViewModel {

    /** One candidate with its decoding. */
    public record Shown(Candidate candidate, RgbImage image) {}

    private final StudioService service;
    private final JobRunner runner;
    private final WorkspaceViewModel workspace;
    private final EditorViewModel editor;
    private final ModelsViewModel models;
    private final SamplingForm form = new SamplingForm();
    private final ClassChoice choice;
    private final ObservableList<Shown> candidates = FXCollections.observableArrayList();
    // One read-only view, kept: a fresh wrapper per call would drop listeners when it is collected.
    private final ObservableList<Shown> candidatesView = FXCollections.unmodifiableObservableList(candidates);
    private final ReadOnlyIntegerWrapper index = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<RgbImage> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private ImageDocument target;
    private StudioJob<List<Candidate>> job;

    public ResampleViewModel(StudioService service, JobRunner runner, WorkspaceViewModel workspace,
                             EditorViewModel editor, ModelsViewModel models) {
        this.service = service;
        this.runner = runner;
        this.workspace = workspace;
        this.editor = editor;
        this.models = models;
        this.choice = new ClassChoice(models, form);
        workspace.selectedProperty().addListener((obs, o, n) -> discard());
    }

    public SamplingForm form() {
        return form;
    }

    /** The class the region is redrawn as, among the active prior's. */
    public ClassChoice classChoice() {
        return choice;
    }

    public ObservableList<Shown> candidates() {
        return candidatesView;
    }

    /** Which candidate is shown (-1 = none). */
    public ReadOnlyIntegerProperty indexProperty() {
        return index.getReadOnlyProperty();
    }

    /** The partially filled region while sampling, then the shown candidate. */
    public ReadOnlyObjectProperty<RgbImage> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Starts resampling the selected cells; says why not when it cannot. */
    public void run() {
        ImageDocument doc = workspace.selectedProperty().get();
        CellSelection sel = editor.selectionProperty().get();
        if (doc == null || doc.grid() == null) {
            runner.notify(Notice.warning("Open an image first"));
            return;
        }
        if (sel == null || sel.isEmpty()) {
            runner.notify(Notice.warning("Select the cells to resample first (click, drag or brush)"));
            return;
        }
        if (models.priorProperty(form.kindProperty().get()).get() == null) {
            runner.notify(Notice.warning("Resampling needs a " + PriorKinds.label(form.kindProperty().get())
                    + " prior: open one (File > Open model...)"));
            return;
        }
        if (!choice.missingProperty().get().isEmpty()) {
            runner.notify(Notice.warning(choice.missingProperty().get()));
            return;
        }
        discard();
        target = doc;
        running.set(true);
        int classId = choice.classIdProperty().get();
        job = service.resample(form.kindProperty().get(), doc.grid(), sel.mask(), classId, form.samples(), form.toSpec());
        runner.run("Resample " + sel.count() + " cells" + (classId < 0 ? "" : " as " + choice.describe()), job,
                this::onEvent, this::received, msg -> running.set(false));
    }

    public void cancel() {
        if (job != null) {
            job.cancel();
        }
    }

    private void onEvent(JobEvent e) {
        if (e instanceof JobEvent.Preview p && running.get()) {
            preview.set(p.image());
        }
    }

    private void received(List<Candidate> found) {
        ImageDocument doc = target;
        runner.run("Decode candidates", service.decode(found.stream().map(Candidate::grid).toList()), null, images -> {
            running.set(false);
            if (doc != target) {
                return;
            }
            for (int i = 0; i < found.size(); i++) {
                candidates.add(new Shown(found.get(i), images.get(i)));
            }
            show(candidates.isEmpty() ? -1 : 0);
        }, msg -> running.set(false));
    }

    public void next() {
        if (!candidates.isEmpty()) {
            show((index.get() + 1) % candidates.size());
        }
    }

    public void previous() {
        if (!candidates.isEmpty()) {
            show((index.get() - 1 + candidates.size()) % candidates.size());
        }
    }

    public void show(int i) {
        index.set(i);
        preview.set(i < 0 ? null : candidates.get(i).image());
    }

    /** Makes the shown candidate the image's grid (an undoable edit). */
    public void accept() {
        int i = index.get();
        if (i >= 0 && target != null && target == workspace.selectedProperty().get()) {
            workspace.apply(target, candidates.get(i).candidate().grid());
            discard();
        }
    }

    /** Drops the candidates; the image keeps its grid. */
    public void discard() {
        index.set(-1);
        candidates.clear();
        preview.set(null);
        target = null;
    }
}
