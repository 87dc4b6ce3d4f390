package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.SourceImage;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One image in the workspace: the model's view of the file (centre square at the tokenizer's
 * resolution), its token grid as encoded and as edited, the reconstruction of the edited grid and
 * how far it is from the original. Edits keep an undo and a redo history of grids.
 */
public final class ImageDocument {

    private final String name;
    private final SourceImage source;
    private final ReadOnlyObjectWrapper<RgbImage> original = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenGrid> encoded = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenGrid> grid = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RgbImage> reconstruction = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<RgbImage> difference = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyDoubleWrapper psnr = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper ssim = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper();
    private final BooleanBinding edited;
    private final Deque<TokenGrid> undo = new ArrayDeque<>();
    private final Deque<TokenGrid> redo = new ArrayDeque<>();
    private long decodeSeq;

    /** A document for an image file; {@code source} is null for a generated grid (a sample). */
    public ImageDocument(String name, SourceImage source) {
        this.name = name;
        this.source = source;
        this.edited = Bindings.createBooleanBinding(
                () -> grid.get() != null && !grid.get().equals(encoded.get()), grid, encoded);
    }

    public String name() {
        return name;
    }

    public SourceImage source() {
        return source;
    }

    public Path path() {
        return source == null ? null : source.path();
    }

    public ReadOnlyObjectProperty<RgbImage> originalProperty() {
        return original.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TokenGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<TokenGrid> encodedProperty() {
        return encoded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> reconstructionProperty() {
        return reconstruction.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<RgbImage> differenceProperty() {
        return difference.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty psnrProperty() {
        return psnr.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty ssimProperty() {
        return ssim.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** True when the grid differs from what the tokenizer made: an unsaved edit. */
    public BooleanBinding editedProperty() {
        return edited;
    }

    public TokenGrid grid() {
        return grid.get();
    }

    // --- state changes, made by the workspace and the editor on the UI thread ---

    void setOriginal(RgbImage img) {
        original.set(img);
    }

    /** A fresh encoding: becomes both the original and the current grid; history is cleared. */
    void setEncoded(TokenGrid g) {
        undo.clear();
        redo.clear();
        encoded.set(g);
        grid.set(g);
        updateHistory();
    }

    /** An edit: the current grid goes to the undo history. */
    void edit(TokenGrid g) {
        if (g.equals(grid.get())) {
            return;
        }
        undo.push(grid.get());
        redo.clear();
        grid.set(g);
        updateHistory();
    }

    boolean undo() {
        if (undo.isEmpty()) {
            return false;
        }
        redo.push(grid.get());
        grid.set(undo.pop());
        updateHistory();
        return true;
    }

    boolean redo() {
        if (redo.isEmpty()) {
            return false;
        }
        undo.push(grid.get());
        grid.set(redo.pop());
        updateHistory();
        return true;
    }

    long nextDecode() {
        return ++decodeSeq;
    }

    boolean isLatestDecode(long seq) {
        return seq == decodeSeq;
    }

    void setReconstruction(RgbImage recon, RgbImage diff, double psnrValue, double ssimValue) {
        reconstruction.set(recon);
        difference.set(diff);
        psnr.set(psnrValue);
        ssim.set(ssimValue);
    }

    private void updateHistory() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
    }

    @Override
    public String toString() {
        return name;
    }
}
