package io.vqstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.BridgeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.shell.Page;
import io.vqstudio.app.shell.Snapshots;
import io.vqstudio.app.view.WorkspaceView;
import io.vqstudio.app.viewmodel.TokenGridViewModel.ColourMode;
import io.vqstudio.bridge.api.RandomModels;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * An imported family at its published size in the real studio over the real engine: random
 * weights in the shape of enhancing-transformers' {@code imagenet_vitvq_small} (256 px, 32x32 tokens,
 * 8,192 codes) open as an inference-only tokenizer, a 256 px picture encodes and decodes, the
 * workspace draws its 32x32 grid, the codebook heatmap has a cell per code, and the Models page says
 * what it is. Renders {@code app/target/screenshots/imported-tokenizer.png} (the README's picture).
 */
@ExtendWith(ApplicationExtension.class)
class ImportedTokenizerUiTest {

    private static final String PRESET = "imagenet_vitvq_small";

    @TempDir
    static Path dir;

    private static VqBridge bridge;
    private static Path checkpoint;
    private MainWindow window;

    @BeforeAll
    static void writeRandomModel() throws Exception {
        bridge = VqBridge.start(RuntimeSpec.defaults());
        checkpoint = RandomModels.write(bridge, PRESET, dir.resolve(PRESET)).result().get(300, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        bridge.close();
    }

    @Start
    void start(Stage stage) {
        window = new MainWindow(stage, new BridgeStudioService(bridge),
                new MainWindow.Options(dir.resolve("runs"), new RecentFiles(dir.resolve("recent.txt")), false, false));
        stage.show();
        window.viewModel().models().open(checkpoint);
    }

    @Test
    void aPublishedShapeEncodesDecodesAndShowsItsGridAndCodebook(FxRobot robot) throws Exception {
        var vm = window.viewModel();
        UiFixture.waitUntil(300, () -> vm.models().tokenizerProperty().get() != null);
        TokenizerInfo info = vm.models().tokenizerProperty().get();
        assertThat(info.family()).isEqualTo("enhancing-vitvq");
        assertThat(info.trainable()).isFalse();
        assertThat(info.gridSize()).isEqualTo(32);
        assertThat(info.codebookSize()).isEqualTo(8192);
        assertThat(info.resolution()).isEqualTo(256);

        Path picture = UiFixture.landscape(dir, "hills.png", 0, 256);
        robot.interact(() -> vm.workspace().open(List.of(picture)));
        UiFixture.waitUntil(300, () -> vm.workspace().documents().size() == 1
                && vm.workspace().documents().get(0).reconstructionProperty().get() != null);
        var doc = vm.workspace().documents().get(0);
        assertThat(doc.grid().size()).isEqualTo(32);
        assertThat(doc.reconstructionProperty().get().width()).isEqualTo(256);
        WorkspaceView workspace = robot.lookup("#workspace-page").queryAs(WorkspaceView.class);
        assertThat(workspace.canvas().gridProperty().get().size()).isEqualTo(32);

        long[] counts = vm.codebook().countsProperty().get();
        assertThat(counts).hasSize(8192);
        assertThat(Arrays.stream(counts).sum()).isEqualTo(32 * 32);
        assertThat(vm.codebook().heatmapColumns()).isEqualTo(128);

        robot.interact(() -> window.show(Page.MODELS));
        String summary = robot.lookup("#model-summary-tokenizer").queryAs(Label.class).getText();
        assertThat(summary).contains("family enhancing-vitvq (imported: inference only)")
                .contains("32x32 tokens, K = 8,192 at 256 px");

        robot.interact(() -> {
            vm.tokenGrid().colourModeProperty().set(ColourMode.CODE);
            window.show(Page.WORKSPACE);
        });
        WaitForAsyncUtils.waitForFxEvents();
        BufferedImage[] shot = new BufferedImage[1];
        robot.interact(() -> shot[0] = Snapshots.of(window.scene()));
        Snapshots.write(shot[0], ScreenshotTest.OUT.resolve("imported-tokenizer.png"));
    }
}
