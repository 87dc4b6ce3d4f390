package io.vqstudio.app.view;

import io.vqstudio.app.control.ImageTile;
import io.vqstudio.app.control.TokenGridCanvas;
import io.vqstudio.app.viewmodel.ImageDocument;
import io.vqstudio.app.viewmodel.StudioViewModel;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The workspace page: the selected image with its token grid, its reconstruction and the
 * amplified difference side by side with PSNR and SSIM; edit tools above, resampling and the
 * hovered cell at the side, thumbnails below. Files dropped on it go where the window sends them
 * (images here, models to the models).
 */
public final class WorkspaceView extends BorderPane {

    private final TokenGridCanvas canvas = new TokenGridCanvas();

    public WorkspaceView(StudioViewModel vm) {
        getStyleClass().add("page");
        setId("workspace-page");
        var ws = vm.workspace();
        canvas.setId("token-grid");
        canvas.setCellHandler(new GridInteraction(vm.editor(), vm.tokenGrid()));
        canvas.selectionProperty().bind(vm.editor().selectionProperty());
        canvas.colourModeProperty().bind(vm.tokenGrid().colourModeProperty());
        canvas.showLinesProperty().bind(vm.tokenGrid().showLinesProperty());
        canvas.nllProperty().bind(vm.tokenGrid().nllProperty());
        canvas.countsProperty().bind(vm.codebook().countsProperty());
        canvas.highlightCodeProperty().bind(vm.codebook().selectedCodeProperty());

        ImageTile recon = new ImageTile("Reconstruction", "");
        recon.setId("reconstruction");
        ImageTile diff = new ImageTile("Difference x4", "");
        diff.setId("difference");
        Label metrics = new Label();
        metrics.setId("metrics");
        metrics.getStyleClass().add("metrics");
        ws.selectedProperty().addListener((obs, o, d) -> bindDocument(d, recon, diff, metrics, vm));
        vm.resample().previewProperty().addListener((obs, o, p) -> bindDocument(ws.selectedProperty().get(), recon, diff, metrics, vm));

        // Framed like the two ImageTiles beside it (3 px padding + 1 px border = their 4 px inset),
        // so the three pictures come out the same size and aligned.
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("image-frame");
        frame.setPadding(new Insets(3));
        frame.setMinSize(64, 64);
        frame.setPrefSize(256, 256);
        VBox original = new VBox(4, titled("Original + tokens"), frame);
        original.setAlignment(Pos.TOP_CENTER);
        VBox.setVgrow(frame, Priority.ALWAYS);
        HBox views = new HBox(12, original, recon, diff);
        for (var n : List.of(original, recon, diff)) {
            HBox.setHgrow(n, Priority.ALWAYS);
            n.setPrefWidth(320);
        }
        VBox center = new VBox(8, views, metrics);
        VBox.setVgrow(views, Priority.ALWAYS);
        center.setPadding(new Insets(10));
        Label empty = new Label();
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.textProperty().bind(Bindings.createStringBinding(() -> vm.models().tokenizerProperty().get() == null
                ? "No tokenizer is open. Open a checkpoint or a PyTorch tokenizer file with File > Open model... (Ctrl+M),"
                + " or drop one here; then open images."
                : "Open images with File > Open images (Ctrl+O) or drop them here.", vm.models().tokenizerProperty()));
        center.getChildren().add(empty);
        empty.visibleProperty().bind(Bindings.isEmpty(ws.documents()));
        empty.managedProperty().bind(empty.visibleProperty());
        metrics.visibleProperty().bind(ws.selectedProperty().isNotNull());
        metrics.managedProperty().bind(metrics.visibleProperty());

        VBox side = new VBox(12, new HoverCard(vm.tokenGrid()), new ResamplePanel(vm.resample()));
        side.setPadding(new Insets(10));
        side.setPrefWidth(340);
        side.setMinWidth(320);
        side.getStyleClass().add("side");
        side.visibleProperty().set(true);

        setTop(new EditToolbar(vm.editor(), vm.tokenGrid(), vm.models()));
        setCenter(center);
        setRight(side);
        setBottom(new ThumbnailStrip(ws));
    }

    private void bindDocument(ImageDocument d, ImageTile recon, ImageTile diff, Label metrics, StudioViewModel vm) {
        canvas.imageProperty().unbind();
        canvas.gridProperty().unbind();
        recon.imageProperty().unbind();
        diff.imageProperty().unbind();
        metrics.textProperty().unbind();
        if (d == null) {
            canvas.imageProperty().set(null);
            canvas.gridProperty().set(null);
            recon.imageProperty().set(null);
            diff.imageProperty().set(null);
            metrics.setText("");
            return;
        }
        canvas.imageProperty().bind(d.originalProperty());
        canvas.gridProperty().bind(d.gridProperty());
        if (vm.resample().previewProperty().get() != null) {
            recon.imageProperty().bind(vm.resample().previewProperty());
        } else {
            recon.imageProperty().bind(d.reconstructionProperty());
        }
        diff.imageProperty().bind(d.differenceProperty());
        metrics.textProperty().bind(Bindings.createStringBinding(() -> {
            var g = d.gridProperty().get();
            String grid = g == null ? "encoding..." : g.size() + "x" + g.size() + " tokens of " + g.codebookSize();
            String edited = d.editedProperty().get() ? "  (edited)" : "";
            return String.format("%s   PSNR %.2f dB   SSIM %.4f   %s%s", d.name(), d.psnrProperty().get(),
                    d.ssimProperty().get(), grid, edited);
        }, d.psnrProperty(), d.ssimProperty(), d.gridProperty(), d.editedProperty()));
    }

    /** The canvas with the grid, for snapshots and tests. */
    public TokenGridCanvas canvas() {
        return canvas;
    }

    private static Label titled(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("tile-title");
        return l;
    }
}
