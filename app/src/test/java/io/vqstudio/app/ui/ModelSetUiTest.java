package io.vqstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.Preferences;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.view.WorkspaceView;
import io.vqstudio.app.viewmodel.ImageDocument;
import io.vqstudio.app.viewmodel.StudioViewModel;
import io.vqstudio.bridge.core.PriorKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.robot.Motion;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The embedded model sets in the real window over the fake service: it opens on Fashion-MNIST with its
 * examples drawn as a token grid and a reconstruction, File &gt; Model set switches to the Tiny ImageNet
 * photos set, and a second window opens where the first was left; a set without models is greyed out.
 */
@ExtendWith(ApplicationExtension.class)
class ModelSetUiTest {

    @TempDir
    Path dir;

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static void checkpoints(Path models) throws IOException {
        for (String n : List.of("tokenizer", "prior-ar", "prior-maskgit")) {
            Files.createDirectories(models.resolve(n));
            Files.writeString(models.resolve(n).resolve("spec.json"), "{}");
        }
    }

    private static void examples(Path folder, String... names) throws IOException {
        Files.createDirectories(folder);
        for (int i = 0; i < names.length; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 6; y < 22; y++) {
                for (int x = 4 + i * 3; x < 24; x++) {
                    img.getRaster().setSample(x, y, 0, 90 + 8 * y);
                }
            }
            ImageIO.write(img, "png", folder.resolve(names[i]).toFile());
        }
    }

    private MainWindow open(FxRobot robot, Stage on, Path assets) {
        MainWindow[] w = new MainWindow[1];
        robot.interact(() -> {
            w[0] = new MainWindow(on, new FakeStudioService(), new MainWindow.Options(dir.resolve("runs"),
                    new RecentFiles(dir.resolve("recent.txt")), new Preferences(dir.resolve("preferences.properties")),
                    false, false));
            on.show();
            w[0].viewModel().modelSets().openAtStart(assets);
        });
        return w[0];
    }

    private static Menu modelSetMenu(MainWindow w) {
        MenuBar bar = (MenuBar) w.scene().getRoot().lookup(".menu-bar");
        return (Menu) bar.getMenus().get(0).getItems().stream().filter(i -> "menu-model-set".equals(i.getId()))
                .findFirst().orElseThrow();
    }

    private static RadioMenuItem item(MainWindow w, String id) {
        for (MenuItem i : modelSetMenu(w).getItems()) {
            if (("model-set-" + id).equals(i.getId())) {
                return (RadioMenuItem) i;
            }
        }
        throw new AssertionError("no menu item for " + id);
    }

    private static Node shown(FxRobot robot, String text) {
        return robot.lookup(text).match((Node n) -> n.getScene() != null && n.getScene().getWindow() != null
                && n.getScene().getWindow().isShowing()).tryQuery().orElse(null);
    }

    @Test
    void opensOnFashionMnistSwitchesFromTheMenuAndTheNextWindowRemembers(FxRobot robot) throws Exception {
        Path assets = dir.resolve("assets");
        checkpoints(assets.resolve("fashion-mnist/models"));
        checkpoints(assets.resolve("models"));
        examples(assets.resolve("fashion-mnist/examples"), "coat-0.png", "bag-0.png");
        MainWindow w = open(robot, stage, assets);
        StudioViewModel vm = w.viewModel();

        UiFixture.waitUntil(() -> vm.workspace().documents().size() == 2
                && vm.workspace().documents().stream().allMatch(d -> d.reconstructionProperty().get() != null)
                && vm.models().priorProperty(PriorKind.MASKGIT).get() != null);
        ImageDocument first = vm.workspace().selectedProperty().get();
        assertThat(first.name()).isEqualTo("bag-0.png");
        WorkspaceView page = robot.lookup("#workspace-page").queryAs(WorkspaceView.class);
        assertThat(page.canvas().gridProperty().get()).isEqualTo(first.grid());
        assertThat(vm.models().tokenizerProperty().get().path()).isEqualTo(assets.resolve("fashion-mnist/models/tokenizer"));
        assertThat(item(w, "fashion-mnist").isSelected()).isTrue();
        assertThat(item(w, "tiny-imagenet").getText()).isEqualTo("Tiny ImageNet photos");

        robot.clickOn("File").clickOn("Model set");
        // The submenu's item exists before its popup shows: wait for the one on screen.
        UiFixture.waitUntil(() -> shown(robot, "Tiny ImageNet photos") != null);
        // Across to the submenu first, then down: a diagonal would cross File's next items and close it.
        robot.clickOn(shown(robot, "Tiny ImageNet photos"), Motion.HORIZONTAL_FIRST);
        UiFixture.waitUntil(() -> vm.models().tokenizerProperty().get().path().equals(assets.resolve("models/tokenizer"))
                && vm.models().priorProperty(PriorKind.MASKGIT).get() != null
                && vm.models().priorProperty(PriorKind.MASKGIT).get().path().equals(assets.resolve("models/prior-maskgit")));
        assertThat(vm.workspace().documents()).isEmpty();
        assertThat(item(w, "tiny-imagenet").isSelected()).isTrue();
        assertThat(item(w, "fashion-mnist").isSelected()).isFalse();
        UiFixture.waitUntil(() -> Files.isRegularFile(dir.resolve("preferences.properties")));

        Stage[] made = new Stage[1];
        robot.interact(() -> made[0] = new Stage());
        MainWindow again = open(robot, made[0], assets);
        UiFixture.waitUntil(() -> again.viewModel().models().tokenizerProperty().get() != null);
        assertThat(again.viewModel().modelSets().activeProperty().get().id()).isEqualTo("tiny-imagenet");
        assertThat(again.viewModel().models().tokenizerProperty().get().path()).isEqualTo(assets.resolve("models/tokenizer"));
        assertThat(again.viewModel().workspace().documents()).isEmpty();
        assertThat(item(again, "tiny-imagenet").isSelected()).isTrue();
        robot.interact(made[0]::close);
    }

    @Test
    void aSetWithoutModelsIsGreyedOutAndTheStudioOpensOnTheOther(FxRobot robot) throws Exception {
        Path assets = dir.resolve("assets");
        checkpoints(assets.resolve("models"));
        examples(assets.resolve("fashion-mnist/examples"), "coat-0.png");
        MainWindow w = open(robot, stage, assets);
        StudioViewModel vm = w.viewModel();
        UiFixture.waitUntil(() -> vm.models().priorProperty(PriorKind.MASKGIT).get() != null);
        assertThat(vm.models().tokenizerProperty().get().path()).isEqualTo(assets.resolve("models/tokenizer"));
        assertThat(vm.workspace().documents()).isEmpty();
        RadioMenuItem fashion = item(w, "fashion-mnist");
        assertThat(fashion.getText()).isEqualTo("Fashion-MNIST (models missing)");
        assertThat(fashion.isDisable()).isTrue();
        assertThat(fashion.isSelected()).isFalse();
        assertThat(item(w, "tiny-imagenet").isSelected()).isTrue();
        // A first start says nothing about a set that is not there: the menu shows it greyed out.
        assertThat(vm.runner().notices()).noneMatch(n -> n.text().startsWith("The Fashion-MNIST set has no tokenizer"));
    }
}
