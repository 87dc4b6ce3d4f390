package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Export of the workspace: token grids as JSON or npy (the extension decides), edited images
 * (the reconstruction of the current grid) as PNG. Snapshots of views are taken by the shell.
 */
public final class ExportViewModel {

    private final WorkspaceViewModel workspace;
    private final JobRunner runner;

    public ExportViewModel(WorkspaceViewModel workspace, JobRunner runner) {
        this.workspace = workspace;
        this.runner = runner;
    }

    /** The selected image's current grid, to {@code .json} or {@code .npy}. */
    public boolean exportGrid(Path file) {
        ImageDocument doc = workspace.selectedProperty().get();
        return doc != null && doc.grid() != null && writeGrids(file, List.of(doc.grid()));
    }

    /** Every loaded image's grid, in workspace order, to one file of shape (N, g, g). */
    public boolean exportAllGrids(Path file) {
        List<TokenGrid> grids = workspace.documents().stream().map(ImageDocument::grid).filter(Objects::nonNull).toList();
        if (grids.stream().map(TokenGrid::size).distinct().count() > 1) {
            runner.notify(Notice.error("The images have grids of different sizes; export them one by one"));
            return false;
        }
        return !grids.isEmpty() && writeGrids(file, grids);
    }

    /** The selected image as edited (the reconstruction of its current grid), as PNG. */
    public boolean exportEditedImage(Path file) {
        ImageDocument doc = workspace.selectedProperty().get();
        RgbImage img = doc == null ? null : doc.reconstructionProperty().get();
        if (img == null) {
            return false;
        }
        return writePng(img, file);
    }

    /** Writes {@code img} as PNG off the UI thread; says where it went, or why it could not. */
    public boolean writePng(RgbImage img, Path file) {
        runner.writeFile(file, () -> UserFiles.writePng(img, file), "Saved " + file.getFileName());
        return true;
    }

    private boolean writeGrids(Path file, List<TokenGrid> grids) {
        runner.writeFile(file, () -> UserFiles.writeGrids(file, grids), "Saved " + grids.size() + " token grid(s) to " + file.getFileName());
        return true;
    }
}
