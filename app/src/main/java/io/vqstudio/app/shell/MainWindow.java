package io.vqstudio.app.shell;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.service.Preferences;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.service.StudioService;
import io.vqstudio.app.task.FxDispatch;
import io.vqstudio.app.task.FxJobTracker;
import io.vqstudio.app.view.CodebookView;
import io.vqstudio.app.view.ModelsView;
import io.vqstudio.app.view.SampleView;
import io.vqstudio.app.view.TrainView;
import io.vqstudio.app.view.WorkspaceView;
import io.vqstudio.app.viewmodel.StudioViewModel;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser.ExtensionFilter;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;

/**
 * The studio's window: menu, page navigation, the five pages, and a status bar with the device,
 * the newest job's progress and the running jobs (ControlsFX TaskProgressView, each cancellable).
 */
public final class MainWindow {

    /** Where the studio keeps things (runs, recent files, choices such as its model set) and whether it pops up notifications. */
    public record Options(Path runsFolder, RecentFiles recent, Preferences preferences, boolean popups, boolean dark) {

        /** Choices kept for this window only. */
        public Options(Path runsFolder, RecentFiles recent, boolean popups, boolean dark) {
            this(runsFolder, recent, Preferences.notKept(), popups, dark);
        }
    }

    private final Stage stage;
    private final StudioViewModel vm;
    private final BorderPane root = new BorderPane();
    private final StackPane content = new StackPane();
    private final Map<Page, Node> pages = new EnumMap<>(Page.class);
    private final Map<Page, ToggleButton> nav = new EnumMap<>(Page.class);
    private final FileDialogs dialogs;
    private final Theme theme;
    private Page current;

    public MainWindow(Stage stage, StudioService service, Options options) {
        this.stage = stage;
        StatusBar status = new StatusBar();
        status.setText("Ready");
        FxJobTracker tracker = new FxJobTracker(status);
        this.vm = new StudioViewModel(service, new FxDispatch(), tracker, options.recent(), options.preferences(),
                options.runsFolder());
        this.dialogs = new FileDialogs(stage);
        Label device = new Label("engine: " + service.device());
        Label jobs = new Label();
        jobs.textProperty().bind(Bindings.createStringBinding(() -> vm.runner().runningProperty().get() == 0 ? ""
                : vm.runner().runningProperty().get() + " job(s)", vm.runner().runningProperty()));
        status.getRightItems().addAll(jobs, device);
        var taskView = tracker.view();
        taskView.visibleProperty().bind(Bindings.isNotEmpty(taskView.getTasks()));
        taskView.managedProperty().bind(taskView.visibleProperty());

        pages.put(Page.WORKSPACE, new WorkspaceView(vm));
        pages.put(Page.CODEBOOK, new CodebookView(vm, () -> show(Page.WORKSPACE)));
        pages.put(Page.SAMPLE, new SampleView(vm.sample(), () -> show(Page.WORKSPACE),
                name -> dialogs.save("Save sample", name, new ExtensionFilter("PNG", "*.png"))));
        pages.put(Page.TRAIN, new TrainView(vm.train(), dialogs::chooseData));
        pages.put(Page.MODELS, new ModelsView(vm.models(), this::openModel));

        root.setTop(MainMenu.build(this, vm, dialogs));
        root.setLeft(navigation());
        root.setCenter(content);
        root.setBottom(new VBox(taskView, status));
        Scene scene = new Scene(root, 1360, 860);
        acceptDrops(scene);
        this.theme = new Theme(scene, options.dark());
        stage.setScene(scene);
        stage.setTitle("VQ Studio");
        stage.setOnCloseRequest(e -> {
            if (!confirmDiscard()) {
                e.consume();
            }
        });
        Notifier.attach(vm.runner().notices(), status, stage, options.popups());
        show(Page.WORKSPACE);
    }

    public StudioViewModel viewModel() {
        return vm;
    }

    public Scene scene() {
        return root.getScene();
    }

    /** The pages this window has (Sample only when the engine has priors). */
    public java.util.Set<Page> pages() {
        return pages.keySet();
    }

    public void show(Page page) {
        Node n = pages.get(page);
        if (n == null) {
            return;
        }
        current = page;
        content.getChildren().setAll(n);
        nav.get(page).setSelected(true);
    }

    public void toggleTheme() {
        theme.toggle();
    }

    void openModel() {
        File f = dialogs.openModel();
        if (f != null) {
            vm.models().open(f.toPath());
        }
    }

    void openModelFolder() {
        File f = dialogs.openModelFolder();
        if (f != null) {
            vm.models().open(f.toPath());
        }
    }

    /** Files dropped anywhere on the window: models to the models, images to the workspace. */
    private void acceptDrops(Scene scene) {
        scene.setOnDragOver(e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
            }
            e.consume();
        });
        scene.setOnDragDropped(e -> {
            boolean files = e.getDragboard().hasFiles();
            if (files) {
                vm.openDropped(e.getDragboard().getFiles().stream().map(File::toPath).toList());
            }
            e.setDropCompleted(files);
            e.consume();
        });
    }

    void exportPagePng() {
        File f = dialogs.save("Export the page as PNG", current.title().toLowerCase() + ".png", new ExtensionFilter("PNG", "*.png"));
        if (f != null) {
            try {
                Snapshots.write(Snapshots.of(content), f.toPath());
            } catch (IOException e) {
                vm.runner().notify(io.vqstudio.app.viewmodel.Notice.error("Cannot write " + f + ": " + e.getMessage()));
            }
        }
    }

    void requestClose() {
        if (confirmDiscard()) {
            stage.close();
        }
    }

    void showShortcuts() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("Keyboard shortcuts");
        a.setHeaderText("Keyboard shortcuts");
        a.setContentText("""
                Ctrl+O open images      Ctrl+M open model (file)      Ctrl+Shift+M open model folder
                Ctrl+1..5 pages      drop images or models (folders, spec.json, .ckpt .pt .pth .bin .safetensors) anywhere
                Ctrl+Z / Ctrl+Y undo / redo      Ctrl+C / Ctrl+V copy / paste tokens
                Ctrl+A select all cells      Ctrl+D clear selection
                Ctrl+Shift+F fill selection with the paint code      Ctrl+R resample selection
                Ctrl+E export token grid      Ctrl+Shift+E export edited image
                Ctrl+Shift+S export the page as PNG      Ctrl+T light / dark theme
                Right-click a cell: pick its code""");
        a.show();
    }

    /** True when there is nothing unsaved or the user agrees to discard it. */
    private boolean confirmDiscard() {
        if (!vm.workspace().hasUnsavedEdits()) {
            return true;
        }
        Alert a = new Alert(Alert.AlertType.CONFIRMATION,
                "Some images have token edits that were not exported. Close and discard them?",
                ButtonType.CANCEL, ButtonType.YES);
        a.initOwner(stage);
        a.setHeaderText("Unsaved edits");
        return a.showAndWait().orElse(ButtonType.CANCEL) == ButtonType.YES;
    }

    private VBox navigation() {
        Label title = new Label("VQ Studio");
        title.getStyleClass().add("app-title");
        VBox box = new VBox(title);
        box.getStyleClass().add("nav");
        ToggleGroup group = new ToggleGroup();
        for (Page p : Page.values()) {
            if (!pages.containsKey(p)) {
                continue;
            }
            ToggleButton b = Icons.toggle(p.icon(), p.title(), p.title() + " (Ctrl+" + (p.ordinal() + 1) + ")");
            b.setId("nav-" + p.name().toLowerCase());
            b.setToggleGroup(group);
            b.setMaxWidth(Double.MAX_VALUE);
            b.setOnAction(e -> show(p));
            nav.put(p, b);
            box.getChildren().add(b);
        }
        box.setPrefWidth(150);
        return box;
    }
}
