package io.vqstudio.app.view;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.control.ImageTile;
import io.vqstudio.app.viewmodel.TrainViewModel;
import io.vqstudio.app.viewmodel.TrainViewModel.Target;
import java.io.File;
import java.nio.file.Path;
import java.util.function.Supplier;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignP;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;

/**
 * The training page: what to train on which data with which preset; start, stop and resume;
 * live charts of losses, validation metrics and codebook usage; the latest reconstruction grid;
 * the runs in the runs folder, each of which can be reopened.
 */
public final class TrainView extends BorderPane {

    public TrainView(TrainViewModel vm, Supplier<File> chooseData) {
        getStyleClass().add("page");
        setId("train-page");
        ChoiceBox<Target> target = new ChoiceBox<>();
        target.getItems().setAll(Target.values());
        target.valueProperty().bindBidirectional(vm.targetProperty());
        target.setTooltip(new Tooltip("Decoder of the open tokenizer: retrains only its decoder, on L2 and logit-Laplace,\n"
                + "with the encoder and codebook frozen. The codes stay the same, so priors made for it keep working."));
        TextField data = new TextField();
        data.setPromptText("images, or a token file");
        data.setTooltip(new Tooltip("Tokenizer and decoder: a folder or zip of images (one sub-folder per class) or MNIST-style IDX images.\n"
                + "Prior: a token file (.vqt) that 'tokenize' wrote with the open tokenizer."));
        data.textProperty().bindBidirectional(vm.dataProperty());
        Button browse = Icons.button(MaterialDesignF.FOLDER_OPEN, null, "Choose the training data", () -> {
            File f = chooseData.get();
            if (f != null) {
                vm.dataProperty().set(f.getAbsolutePath());
            }
        });
        ComboBox<String> preset = new ComboBox<>();
        preset.getItems().setAll(TrainViewModel.presets(vm.targetProperty().get()));
        vm.targetProperty().addListener((obs, o, t) -> preset.getItems().setAll(TrainViewModel.presets(t)));
        preset.setEditable(true);
        preset.valueProperty().bindBidirectional(vm.presetProperty());
        preset.disableProperty().bind(vm.targetProperty().isEqualTo(Target.DECODER)); // the open tokenizer's own spec
        Spinner<Integer> steps = new Spinner<>(1, 10_000_000, (int) vm.stepsProperty().get(), 100);
        steps.setEditable(true);
        steps.valueProperty().addListener((obs, o, v) -> vm.stepsProperty().set(v));
        Spinner<Integer> batch = new Spinner<>(1, 1024, vm.batchSizeProperty().get());
        batch.setEditable(true);
        batch.valueProperty().addListener((obs, o, v) -> vm.batchSizeProperty().set(v));

        GridPane form = new GridPane();
        form.getStyleClass().add("form");
        form.setHgap(8);
        form.setVgap(6);
        HBox dataRow = new HBox(4, data, browse);
        HBox.setHgrow(data, Priority.ALWAYS);
        form.addRow(0, new Label("Train"), target);
        form.addRow(1, new Label("Data"), dataRow);
        form.addRow(2, new Label("Preset"), preset);
        form.addRow(3, new Label("Steps"), steps);
        form.addRow(4, new Label("Batch"), batch);
        Button start = Icons.button(MaterialDesignP.PLAY, "Start", "Start a new run in the runs folder", vm::start);
        Button stop = Icons.button(MaterialDesignS.STOP, "Stop", "Stop at the next step; the last checkpoint stays", vm::stop);
        Button resume = Icons.button(MaterialDesignR.RELOAD, "Resume", "Continue the open run from its checkpoint", vm::resume);
        start.disableProperty().bind(vm.runningProperty());
        stop.disableProperty().bind(vm.runningProperty().not());
        resume.disableProperty().bind(vm.runningProperty().or(vm.currentRunProperty().isNull()));
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setWrapText(true);

        ListView<Path> runs = new ListView<>(vm.runs());
        runs.setId("runs");
        runs.setPlaceholder(new Label("No runs yet in " + vm.runsFolderProperty().get()));
        runs.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Path p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.getFileName().toString());
            }
        });
        runs.setOnMouseClicked(e -> {
            Path p = runs.getSelectionModel().getSelectedItem();
            if (p != null && e.getClickCount() == 2) {
                vm.open(p);
            }
        });
        Label runsTitle = new Label("Runs (double-click to reopen)");
        runsTitle.getStyleClass().add("section-title");
        VBox left = new VBox(10, form, new HBox(6, start, stop, resume), progress, status, runsTitle, runs);
        VBox.setVgrow(runs, Priority.ALWAYS);
        left.setPadding(new Insets(10));
        left.setPrefWidth(360);

        TrainCharts charts = new TrainCharts(vm.points());
        ImageTile preview = new ImageTile("Latest reconstructions", "appears at the first evaluation");
        preview.imageProperty().bind(vm.previewProperty());
        preview.setPrefSize(260, 260);
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.add(charts.losses, 0, 0);
        grid.add(charts.validation, 1, 0);
        grid.add(charts.usage, 0, 1);
        grid.add(preview, 1, 1);
        for (var n : grid.getChildren()) {
            GridPane.setHgrow(n, Priority.ALWAYS);
            GridPane.setVgrow(n, Priority.ALWAYS);
        }
        grid.setPadding(new Insets(10));
        setLeft(left);
        setCenter(grid);
    }
}
