package io.vqstudio.app.view;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.control.ImageTile;
import io.vqstudio.app.viewmodel.SampleItem;
import io.vqstudio.app.viewmodel.SampleViewModel;
import java.io.File;
import java.util.function.Function;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;

/**
 * Class-conditional sampling: a searchable class list and the sampling form on the left, with the
 * running sample's progress ("row 5 of 16") and its cancel; a gallery on the right that fills as
 * samples arrive; each sample can be saved or edited.
 */
public final class SampleView extends BorderPane {

    public SampleView(SampleViewModel vm, Runnable showWorkspace, Function<String, File> saveChooser) {
        getStyleClass().add("page");
        setId("sample-page");
        ClassPicker classes = new ClassPicker(vm.classChoice(), "class-list", 0);
        Button run = Icons.button(MaterialDesignD.DICE_MULTIPLE, "Sample", "Draw samples of the chosen class (Ctrl+Enter)", vm::run);
        run.setId("sample-run");
        run.disableProperty().bind(vm.runningProperty());
        Button cancel = Icons.button(MaterialDesignC.CLOSE, "Cancel", "Stop sampling at the next row", vm::cancel);
        cancel.setId("sample-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        ProgressBar progress = new ProgressBar();
        progress.setId("sample-progress");
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.runningProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId("sample-status");
        status.textProperty().bind(vm.statusProperty());
        VBox left = new VBox(8, classes, SamplingFormView.build(vm.form(), true), new HBox(6, run, cancel),
                ClassPicker.why(vm.classChoice().missingProperty(), "sample-why"), progress, status);
        VBox.setVgrow(classes, Priority.ALWAYS);
        left.setPrefWidth(320);
        left.setPadding(new Insets(10));

        FlowPane gallery = new FlowPane(10, 10);
        gallery.setId("gallery");
        gallery.setPadding(new Insets(10));
        vm.gallery().addListener((ListChangeListener<SampleItem>) c -> {
            gallery.getChildren().clear();
            for (SampleItem item : vm.gallery()) {
                gallery.getChildren().add(tile(vm, item, showWorkspace, saveChooser));
            }
        });
        ScrollPane scroll = new ScrollPane(gallery);
        scroll.setFitToWidth(true);
        Label hint = new Label("Samples appear here as they are drawn");
        hint.getStyleClass().add("empty-state");
        hint.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(vm.gallery()));
        setLeft(left);
        setCenter(new javafx.scene.layout.StackPane(scroll, hint));
    }

    private static VBox tile(SampleViewModel vm, SampleItem item, Runnable showWorkspace,
                             Function<String, File> saveChooser) {
        ImageTile img = new ImageTile(item.label(), "sampling...");
        img.imageProperty().bind(item.imageProperty());
        img.setPrefSize(180, 200);
        Button save = Icons.button(MaterialDesignC.CONTENT_SAVE, null, "Save as PNG", () -> {
            File f = saveChooser.apply(item.label().replace(' ', '-') + ".png");
            if (f != null) {
                vm.save(item, f.toPath());
            }
        });
        Button edit = Icons.button(MaterialDesignI.IMAGE_EDIT, null, "Open in the editor", () -> {
            if (vm.openInEditor(item) != null) {
                showWorkspace.run();
            }
        });
        save.disableProperty().bind(item.gridProperty().isNull());
        edit.disableProperty().bind(item.gridProperty().isNull());
        VBox box = new VBox(4, img, new HBox(4, save, edit));
        box.getStyleClass().add("gallery-tile");
        return box;
    }
}
