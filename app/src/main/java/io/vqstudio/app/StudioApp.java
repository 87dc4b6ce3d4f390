package io.vqstudio.app;

import io.vqstudio.app.service.BridgeStudioService;
import io.vqstudio.app.service.DefaultModels;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import java.nio.file.Path;
import javafx.application.Application;
import javafx.stage.Stage;

/**
 * VQ Studio's JavaFX application. The engine starts in {@link #init()} (off the FX thread), the
 * window opens on the default models under {@code assets/models/} (or {@code -Dvqstudio.assets}),
 * and with none there it opens empty and says how to open a checkpoint.
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
                new MainWindow.Options(runs, RecentFiles.inUserHome(), true, Boolean.getBoolean("vqstudio.dark")));
        stage.show();
        var models = window.viewModel().models();
        models.openDefaults(DefaultModels.assetsDir());
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
