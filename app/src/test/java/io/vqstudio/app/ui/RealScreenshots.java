package io.vqstudio.app.ui;

import io.vqstudio.app.service.BridgeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.shell.Page;
import io.vqstudio.app.shell.Snapshots;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * A development tool, not a test: renders the studio's pages over the real engine and the default
 * models of an assets folder, with generated pictures loaded, to PNG files (the README's pictures).
 * Headless with Monocle, from the repository root:
 * <pre>
 * ./mvnw -q -pl app -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -Dglass.platform=Monocle -Dmonocle.platform=Headless -Dprism.order=sw -Dheadless.geometry=1600x1000-32 \
 *   -cp app/target/test-classes:app/target/classes:$(cat /tmp/cp.txt) io.vqstudio.app.ui.RealScreenshots assets docs/screenshots [PHOTOS]
 * </pre>
 * With a folder of photos as the third argument its first three images are opened instead of
 * generated ones; with a class-conditional prior loaded, the Sample page shows eight samples of
 * its first class.
 */
public final class RealScreenshots {

    private RealScreenshots() {}

    public static void main(String[] args) throws Exception {
        Path assets = Path.of(args.length > 0 ? args[0] : "assets").toAbsolutePath();
        Path out = Path.of(args.length > 1 ? args[1] : "docs/screenshots").toAbsolutePath();
        Path scratch = Files.createTempDirectory("vq-shots");
        BridgeStudioService service = BridgeStudioService.start();
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(60, TimeUnit.SECONDS);
        MainWindow[] window = new MainWindow[1];
        Platform.runLater(() -> {
            Stage stage = new Stage();
            window[0] = new MainWindow(stage, service, new MainWindow.Options(scratch.resolve("runs"),
                    new RecentFiles(scratch.resolve("recent.txt")), false, false));
            stage.show();
            window[0].viewModel().models().openDefaults(assets);
        });
        UiFixture.waitUntil(() -> window[0] != null && window[0].viewModel().models().tokenizerProperty().get() != null);
        var vm = window[0].viewModel();
        List<Path> images = new ArrayList<>();
        if (args.length > 2) {
            try (var files = Files.list(Path.of(args[2]))) {
                files.filter(f -> f.toString().matches("(?i).*\\.(png|jpe?g)$")).sorted().limit(3).forEach(images::add);
            }
        }
        for (int i = images.size(); i < 3; i++) {
            images.add(UiFixture.landscape(scratch, "landscape-" + i + ".png", i));
        }
        Platform.runLater(() -> vm.workspace().open(images));
        UiFixture.waitUntil(() -> vm.workspace().documents().size() == 3
                && vm.workspace().documents().stream().allMatch(d -> d.reconstructionProperty().get() != null));
        var sample = vm.sample();
        if (!sample.classes().isEmpty()) {
            Platform.runLater(() -> {
                sample.form().kindProperty().set(io.vqstudio.bridge.core.PriorKind.AR);
                sample.classIdProperty().set(0);
                sample.form().countProperty().set(8);
                sample.form().guidanceProperty().set(2.0);
                sample.run();
            });
            Thread.sleep(500);
            UiFixture.waitUntil(300, () -> !sample.runningProperty().get());
        }
        for (Page page : Page.values()) {
            CompletableFuture<BufferedImage> shot = new CompletableFuture<>();
            Platform.runLater(() -> window[0].show(page));
            Thread.sleep(500);
            Platform.runLater(() -> shot.complete(Snapshots.of(window[0].scene())));
            Snapshots.write(shot.get(30, TimeUnit.SECONDS), out.resolve("real-" + page.name().toLowerCase() + ".png"));
        }
        Platform.exit();
        System.exit(0);
    }
}
