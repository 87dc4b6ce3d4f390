package io.vqstudio.app;

import io.vqstudio.app.service.BridgeStudioService;
import io.vqstudio.app.service.DefaultModels;
import io.vqstudio.app.service.Preferences;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * VQ Studio's JavaFX application. The engine starts in {@link #init()} (off the FX thread), the
 * window opens on an embedded model set under {@code assets/} (or {@code -Dvqstudio.assets}): the one
 * it was left on, else Fashion-MNIST with its example pictures, else the Tiny ImageNet photos set; with
 * none there it opens empty and says how to open a checkpoint.
 */
public final class StudioApp extends Application {

    private BridgeStudioService service;

    @Override
    public void init() {
        System.setProperty("ai.djl.offline", "true");
        service = BridgeStudioService.start();
    }

    @Override
    public void start(Stage stage) {
        String runsProperty = System.getProperty("vqstudio.runs");
        Path runs = runsProperty != null ? Path.of(runsProperty) : DefaultModels.root().resolve("runs");
        MainWindow window = new MainWindow(stage, service,
                new MainWindow.Options(runs, RecentFiles.inUserHome(), Preferences.inUserHome(), true,
                        Boolean.getBoolean("vqstudio.dark")));
        stage.show();
        window.viewModel().modelSets().openAtStart(DefaultModels.assetsDir());
    }

    @Override
    public void stop() {
        if (service != null) {
            service.close();
        }
    }

    public static void main(String[] args) {
        launch(StudioApp.class, args);
    }
}
