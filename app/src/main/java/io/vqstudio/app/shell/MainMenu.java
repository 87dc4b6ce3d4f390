package io.vqstudio.app.shell;

import io.vqstudio.app.viewmodel.StudioViewModel;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCombination;
import javafx.stage.FileChooser.ExtensionFilter;

/** The menu bar: every main action with its keyboard shortcut. */
final class MainMenu {

    private MainMenu() {}

    static MenuBar build(MainWindow w, StudioViewModel vm, FileDialogs dialogs) {
        Menu recent = new Menu("Open recent");
        Runnable fillRecent = () -> {
            recent.getItems().clear();
            for (Path p : vm.workspace().recentFiles()) {
                recent.getItems().add(item(p.toString(), null, () -> vm.workspace().open(List.of(p))));
            }
            recent.setDisable(recent.getItems().isEmpty());
        };
        vm.workspace().recentFiles().addListener((ListChangeListener<Path>) c -> fillRecent.run());
        fillRecent.run();

        Menu export = new Menu("Export", null,
                item("PNG of the current page...", "Shortcut+Shift+S", w::exportPagePng),
                item("Token grid (JSON or npy)...", "Shortcut+E", () -> {
                    File f = dialogs.save("Export token grid", "tokens.json", grids());
                    if (f != null) {
                        vm.export().exportGrid(f.toPath());
                    }
                }),
                item("All token grids (JSON or npy)...", null, () -> {
                    File f = dialogs.save("Export all token grids", "tokens.npy", grids());
                    if (f != null) {
                        vm.export().exportAllGrids(f.toPath());
                    }
                }),
                item("Edited image (PNG)...", "Shortcut+Shift+E", () -> {
                    File f = dialogs.save("Export edited image", "edited.png", new ExtensionFilter("PNG", "*.png"));
                    if (f != null) {
                        vm.export().exportEditedImage(f.toPath());
                    }
                }));
        Menu file = new Menu("File", null,
                item("Open images...", "Shortcut+O", () -> vm.workspace().open(
                        dialogs.openImages().stream().map(File::toPath).toList())),
                recent,
                item("Open model...", "Shortcut+M", w::openModel),
                item("Open model folder...", "Shortcut+Shift+M", w::openModelFolder),
                ModelSetMenu.build(vm.modelSets()),
                new SeparatorMenuItem(), export, new SeparatorMenuItem(),
                item("Quit", "Shortcut+Q", w::requestClose));
        var ed = vm.editor();
        Menu edit = new Menu("Edit", null,
                item("Undo", "Shortcut+Z", ed::undo),
                item("Redo", "Shortcut+Y", ed::redo),
                new SeparatorMenuItem(),
                item("Copy tokens", "Shortcut+C", ed::copy),
                item("Paste tokens", "Shortcut+V", ed::paste),
                item("Select all cells", "Shortcut+A", ed::selectAll),
                item("Clear selection", "Shortcut+D", ed::clearSelection),
                item("Fill selection with the paint code", "Shortcut+Shift+F", ed::paintSelection),
                item("Resample selection", "Shortcut+R", vm.resample()::run),
                new SeparatorMenuItem(),
                item("Reset image to its encoding", null, ed::reset));
        Menu view = new Menu("View");
        int i = 1;
        for (Page p : Page.values()) {
            view.getItems().add(item(p.title(), "Shortcut+" + i++, () -> w.show(p)));
        }
        view.getItems().addAll(new SeparatorMenuItem(),
                item("Light / dark theme", "Shortcut+T", w::toggleTheme));
        Menu help = new Menu("Help", null, item("Keyboard shortcuts", "F1", w::showShortcuts));
        MenuBar bar = new MenuBar(file, edit, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static ExtensionFilter[] grids() {
        return new ExtensionFilter[] {new ExtensionFilter("JSON", "*.json"), new ExtensionFilter("NumPy", "*.npy")};
    }

    private static MenuItem item(String text, String accel, Runnable action) {
        MenuItem m = new MenuItem(text);
        if (accel != null) {
            m.setAccelerator(KeyCombination.keyCombination(accel));
        }
        m.setOnAction(e -> action.run());
        return m;
    }
}
