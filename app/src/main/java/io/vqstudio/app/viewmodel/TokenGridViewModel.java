package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.StudioService;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The token grid drawn over the selected image: how cells are coloured (by code id, by usage
 * over the loaded set, or by the prior's per-cell likelihood) and what hovering a cell tells.
 */
public final class TokenGridViewModel {

    /** Cell colouring. */
    public enum ColourMode { NONE, CODE, USAGE, LIKELIHOOD }

    /** What the studio shows for the hovered cell; {@code appearance} arrives later (null until decoded). */
    public record Hover(int row, int col, int code, int inImage, long inSet, RgbImage appearance) {}

    private final StudioService service;
    private final JobRunner runner;
    private final WorkspaceViewModel workspace;
    private final ModelsViewModel models;
    private final CodebookViewModel codebook;
    private final CodeImages codeImages;
    private final ObjectProperty<ColourMode> colourMode = new SimpleObjectProperty<>(ColourMode.NONE);
    private final BooleanProperty showLines = new SimpleBooleanProperty(true);
    private final ObjectProperty<PriorKind> likelihoodPrior = new SimpleObjectProperty<>(PriorKind.AR);
    private final ReadOnlyObjectWrapper<double[]> nll = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Hover> hover = new ReadOnlyObjectWrapper<>();
    private TokenGrid nllFor;

    public TokenGridViewModel(StudioService service, JobRunner runner, WorkspaceViewModel workspace,
                              ModelsViewModel models, CodebookViewModel codebook, CodeImages codeImages) {
        this.service = service;
        this.runner = runner;
        this.workspace = workspace;
        this.models = models;
        this.codebook = codebook;
        this.codeImages = codeImages;
        colourMode.addListener((obs, o, n) -> refreshLikelihood());
        likelihoodPrior.addListener((obs, o, n) -> {
            nllFor = null;
            refreshLikelihood();
        });
        workspace.gridsVersionProperty().addListener((obs, o, n) -> refreshLikelihood());
        workspace.selectedProperty().addListener((obs, o, n) -> {
            hover.set(null);
            refreshLikelihood();
        });
    }

    public ObjectProperty<ColourMode> colourModeProperty() {
        return colourMode;
    }

    public BooleanProperty showLinesProperty() {
        return showLines;
    }

    public ObjectProperty<PriorKind> likelihoodPriorProperty() {
        return likelihoodPrior;
    }

    /** Per-cell negative log-likelihood of the selected grid (nats), when colouring by likelihood. */
    public ReadOnlyObjectProperty<double[]> nllProperty() {
        return nll.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Hover> hoverProperty() {
        return hover.getReadOnlyProperty();
    }

    /** The pointer is over (row, col) of the selected image's grid. */
    public void hover(int row, int col) {
        ImageDocument doc = workspace.selectedProperty().get();
        TokenGrid g = doc == null ? null : doc.grid();
        if (g == null || row < 0 || col < 0 || row >= g.size() || col >= g.size()) {
            hover.set(null);
            return;
        }
        Hover current = hover.get();
        if (current != null && current.row() == row && current.col() == col && current.code() == g.get(row, col)) {
            return;
        }
        int code = g.get(row, col);
        hover.set(new Hover(row, col, code, CodebookViewModel.countIn(g, code), codebook.countInSet(code), null));
        codeImages.request(code, img -> {
            Hover h = hover.get();
            if (h != null && h.code() == code) {
                hover.set(new Hover(h.row(), h.col(), code, h.inImage(), h.inSet(), img));
            }
        });
    }

    public void exit() {
        hover.set(null);
    }

    private void refreshLikelihood() {
        ImageDocument doc = workspace.selectedProperty().get();
        TokenGrid g = doc == null ? null : doc.grid();
        if (colourMode.get() != ColourMode.LIKELIHOOD || g == null) {
            return;
        }
        PriorKind kind = likelihoodPrior.get();
        if (models.priorProperty(kind).get() == null) {
            nll.set(null);
            runner.notify(Notice.warning("Colouring by likelihood needs a prior: open one (File > Open model...)"));
            colourMode.set(ColourMode.CODE);
            return;
        }
        if (g.equals(nllFor)) {
            return;
        }
        nllFor = g;
        runner.run("Likelihood map", service.nllMap(kind, g), null, map -> {
            ImageDocument now = workspace.selectedProperty().get();
            if (now != null && g.equals(now.grid())) {
                nll.set(map);
            }
        });
    }
}
