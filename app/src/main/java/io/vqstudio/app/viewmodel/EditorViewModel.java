package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.TokenGrid;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Token editing on the selected image: select cells (click, rectangle, brush), paint a code
 * (chosen in the codebook or picked from a cell), copy and paste token regions within or between
 * images, undo, redo and reset. Every change re-decodes the image at once.
 */
public final class EditorViewModel {

    /** What a drag on the grid does. */
    public enum Tool { SELECT, BRUSH, PAINT, EYEDROPPER }

    private final WorkspaceViewModel workspace;
    private final JobRunner runner;
    private final ReadOnlyObjectWrapper<CellSelection> selection = new ReadOnlyObjectWrapper<>();
    private final IntegerProperty paintCode = new SimpleIntegerProperty(0);
    private final IntegerProperty brushRadius = new SimpleIntegerProperty(0);
    private final ObjectProperty<Tool> tool = new SimpleObjectProperty<>(Tool.SELECT);
    private TokenClip clipboard;

    public EditorViewModel(WorkspaceViewModel workspace, JobRunner runner) {
        this.workspace = workspace;
        this.runner = runner;
        workspace.selectedProperty().addListener((obs, old, doc) -> clearSelection());
        workspace.gridsVersionProperty().addListener((obs, old, v) -> {
            TokenGrid g = grid();
            if (g != null && (selection.get() == null || selection.get().size() != g.size())) {
                selection.set(CellSelection.empty(g.size()));
            }
        });
    }

    public ReadOnlyObjectProperty<CellSelection> selectionProperty() {
        return selection.getReadOnlyProperty();
    }

    /** The code that painting writes. */
    public IntegerProperty paintCodeProperty() {
        return paintCode;
    }

    public IntegerProperty brushRadiusProperty() {
        return brushRadius;
    }

    public ObjectProperty<Tool> toolProperty() {
        return tool;
    }

    private ImageDocument doc() {
        return workspace.selectedProperty().get();
    }

    private TokenGrid grid() {
        ImageDocument d = doc();
        return d == null ? null : d.grid();
    }

    private CellSelection current() {
        TokenGrid g = grid();
        CellSelection s = selection.get();
        return s != null && g != null && s.size() == g.size() ? s : g == null ? null : CellSelection.empty(g.size());
    }

    public void clearSelection() {
        TokenGrid g = grid();
        selection.set(g == null ? null : CellSelection.empty(g.size()));
    }

    public void selectAll() {
        TokenGrid g = grid();
        if (g != null) {
            selection.set(CellSelection.empty(g.size()).withRect(0, 0, g.size() - 1, g.size() - 1));
        }
    }

    /** A click: selects one cell, or with {@code add} flips it in the current selection. */
    public void clickCell(int row, int col, boolean add) {
        CellSelection s = current();
        if (s != null) {
            selection.set(add ? s.toggled(row, col) : CellSelection.empty(s.size()).toggled(row, col));
        }
    }

    /** A dragged rectangle between two cells; {@code add} keeps what was selected before. */
    public void selectRect(int r0, int c0, int r1, int c1, boolean add) {
        CellSelection s = current();
        if (s != null) {
            selection.set((add ? s : CellSelection.empty(s.size())).withRect(r0, c0, r1, c1));
        }
    }

    /** One dab of the selection brush. */
    public void brush(int row, int col) {
        CellSelection s = current();
        if (s != null) {
            selection.set(s.withBrush(row, col, brushRadius.get()));
        }
    }

    /** The eyedropper: the paint code becomes this cell's code. */
    public void pick(int row, int col) {
        TokenGrid g = grid();
        if (g != null) {
            paintCode.set(g.get(row, col));
        }
    }

    /** Paints the paint code into one cell (the paint tool's drag). */
    public void paintCell(int row, int col) {
        TokenGrid g = grid();
        if (g != null && g.get(row, col) != paintCode.get() && paintCode.get() < g.codebookSize()) {
            workspace.apply(doc(), g.with(row, col, paintCode.get()));
        }
    }

    /** Paints the paint code into every selected cell. */
    public void paintSelection() {
        TokenGrid g = grid();
        CellSelection s = current();
        if (g == null || s == null || s.isEmpty() || paintCode.get() >= g.codebookSize()) {
            return;
        }
        int[] codes = g.codes();
        boolean[] m = s.mask();
        for (int i = 0; i < codes.length; i++) {
            if (m[i]) {
                codes[i] = paintCode.get();
            }
        }
        workspace.apply(doc(), new TokenGrid(g.size(), codes, g.codebookSize()));
    }

    public boolean copy() {
        TokenGrid g = grid();
        CellSelection s = current();
        TokenClip clip = g == null || s == null ? null : TokenClip.copy(g, s);
        if (clip != null) {
            clipboard = clip;
        }
        return clip != null;
    }

    /** Pastes the clipboard with its top-left cell at (row, col). */
    public void pasteAt(int row, int col) {
        TokenGrid g = grid();
        TokenClip clip = clipboard;
        if (g != null && clip != null) {
            try {
                workspace.apply(doc(), clip.pasteInto(g, row, col));
            } catch (IllegalArgumentException e) {
                runner.notify(Notice.error("Cannot paste: " + e.getMessage()));
            }
        }
    }

    /** Pastes at the selection's top-left corner, or where it was copied from when nothing is selected. */
    public void paste() {
        CellSelection s = current();
        int[] b = s == null ? null : s.bounds();
        pasteAt(b == null ? 0 : b[0], b == null ? 0 : b[1]);
    }

    public void undo() {
        if (doc() != null) {
            workspace.undo(doc());
        }
    }

    public void redo() {
        if (doc() != null) {
            workspace.redo(doc());
        }
    }

    public void reset() {
        if (doc() != null) {
            workspace.reset(doc());
        }
    }
}
