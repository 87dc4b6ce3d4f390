package io.vqstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.shell.Page;
import io.vqstudio.app.shell.Snapshots;
import io.vqstudio.app.viewmodel.TokenGridViewModel.ColourMode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders every page of the studio's real main window (over the fake service, which keeps the
 * suite fast and the pictures deterministic) to {@code app/target/screenshots/*.png} and checks
 * that none is blank.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenshotTest {

    static final Path OUT = Path.of("target", "screenshots");

    @TempDir
    static Path dir;

    private final FakeStudioService service = new FakeStudioService();
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = UiFixture.window(stage, service, dir, false);
    }

    @Test
    void everyPageRendersSomething(FxRobot robot) throws Exception {
        var vm = window.viewModel();
        List<Path> images = List.of(UiFixture.landscape(dir, "meadow.png", 0), UiFixture.landscape(dir, "dusk.png", 1),
                UiFixture.landscape(dir, "hills.png", 2));
        robot.interact(() -> vm.workspace().open(images));
        UiFixture.waitUntil(() -> vm.workspace().documents().size() == 3
                && vm.workspace().documents().stream().allMatch(d -> d.reconstructionProperty().get() != null));
        robot.interact(() -> {
            vm.workspace().selectedProperty().set(vm.workspace().documents().get(0));
            vm.tokenGrid().colourModeProperty().set(ColourMode.CODE);
            vm.editor().selectRect(9, 2, 12, 6, false);
            vm.editor().pick(4, 12);
        });
        robot.moveTo(robot.lookup("#token-grid").queryAs(javafx.scene.Node.class));
        shoot(robot, Page.WORKSPACE, "workspace");

        robot.interact(() -> {
            vm.tokenGrid().colourModeProperty().set(ColourMode.NONE);
            vm.editor().clearSelection();
            vm.codebook().selectedCodeProperty().set(vm.workspace().documents().get(0).grid().get(2, 2));
        });
        shoot(robot, Page.CODEBOOK, "codebook");

        robot.interact(() -> {
            vm.sample().classIdProperty().set(3);
            vm.sample().run();
        });
        UiFixture.waitUntil(() -> vm.sample().gallery().stream().allMatch(i -> i.gridProperty().get() != null));
        shoot(robot, Page.SAMPLE, "sample");

        robot.interact(() -> {
            vm.train().dataProperty().set(dir.resolve("photos.zip").toString());
            vm.train().presetProperty().set("vit-cpu");
            vm.train().start();
        });
        shoot(robot, Page.TRAIN, "train");

        robot.interact(() -> vm.models().show(vm.models().tokenizerProperty().get()));
        shoot(robot, Page.MODELS, "models");

        robot.interact(window::toggleTheme);
        shoot(robot, Page.WORKSPACE, "workspace-dark");
    }

    private void shoot(FxRobot robot, Page page, String name) throws Exception {
        robot.interact(() -> window.show(page));
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage[] img = new BufferedImage[1];
        robot.interact(() -> img[0] = Snapshots.of(window.scene()));
        Snapshots.write(img[0], OUT.resolve(name + ".png"));
        assertThat(distinctColours(img[0])).as(name + " is not blank").isGreaterThan(200);
    }

    private static int distinctColours(BufferedImage img) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y));
            }
        }
        return colours.size();
    }
}
