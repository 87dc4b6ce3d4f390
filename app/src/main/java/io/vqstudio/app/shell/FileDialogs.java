package io.vqstudio.app.shell;

import io.vqstudio.bridge.api.ForeignModels;
import java.io.File;
import java.util.List;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The studio's file choosers, remembering the last folder. */
final class FileDialogs {

    private final Window owner;
    private File lastDir;

    FileDialogs(Window owner) {
        this.owner = owner;
    }

    List<File> openImages() {
        FileChooser fc = chooser("Open images");
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images", "*.png", "*.jpg", "*.jpeg", "*.bmp", "*.gif"));
        List<File> files = fc.showOpenMultipleDialog(owner);
        remember(files == null || files.isEmpty() ? null : files.get(0));
        return files == null ? List.of() : files;
    }

    /** A model file: a checkpoint's spec.json, or a PyTorch or safetensors file of another project. */
    File openModel() {
        FileChooser fc = chooser("Open a model: a checkpoint's spec.json, or a PyTorch checkpoint to import");
        List<String> torch = ForeignModels.EXTENSIONS.stream().map(e -> "*." + e).toList();
        List<String> all = new java.util.ArrayList<>(torch);
        all.add("spec.json");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Models (spec.json, " + String.join(" ", torch) + ")", all),
                new FileChooser.ExtensionFilter("PyTorch and safetensors checkpoints", torch),
                new FileChooser.ExtensionFilter("VQ Studio checkpoints (spec.json)", "spec.json"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(owner);
        remember(f);
        return f;
    }

    /** A checkpoint folder (with spec.json) or a run folder. */
    File openModelFolder() {
        DirectoryChooser dc = new DirectoryChooser();
        dc.setTitle("Open a model checkpoint (a folder with spec.json, or a run folder)");
        if (lastDir != null && lastDir.isDirectory()) {
            dc.setInitialDirectory(lastDir);
        }
        File f = dc.showDialog(owner);
        if (f != null) {
            lastDir = f.getParentFile();
        }
        remember(f);
        return f;
    }

    File chooseData() {
        FileChooser fc = chooser("Training data: a zip of images, MNIST-style IDX images or a token file (cancel to pick a folder)");
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Data", "*.zip", "*.vqt", "*-idx3-ubyte", "*-idx3-ubyte.gz"),
                new FileChooser.ExtensionFilter("All files", "*"));
        File f = fc.showOpenDialog(owner);
        if (f == null) {
            DirectoryChooser dc = new DirectoryChooser();
            dc.setTitle("Training images: a folder whose sub-folders are the classes");
            f = dc.showDialog(owner);
        }
        remember(f);
        return f;
    }

    File save(String title, String suggested, FileChooser.ExtensionFilter... filters) {
        FileChooser fc = chooser(title);
        fc.setInitialFileName(suggested);
        fc.getExtensionFilters().addAll(filters);
        File f = fc.showSaveDialog(owner);
        remember(f);
        return f;
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        if (lastDir != null && lastDir.isDirectory()) {
            fc.setInitialDirectory(lastDir);
        }
        return fc;
    }

    private void remember(File f) {
        if (f != null) {
            lastDir = f.isDirectory() ? f : f.getParentFile();
        }
    }
}
