package io.vqstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.control.TokenGridCanvas;
import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.viewmodel.EditorViewModel.Tool;
import io.vqstudio.app.viewmodel.ImageDocument;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import java.nio.file.Path;
import java.util.List;
import javafx.event.Event;
import javafx.event.EventType;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The studio headless under Monocle: load an image, edit a cell, resample a region. */
@ExtendWith(ApplicationExtension.class)
class StudioUiTest {

    @TempDir
    static Path dir;

    private final FakeStudioService service = new FakeStudioService();
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = UiFixture.window(stage, service, dir, false);
    }

    private ImageDocument load(FxRobot robot, String name, int variant) throws Exception {
        Path img = UiFixture.landscape(dir, name, variant);
        var models = window.viewModel().models();
        // The three models open in the background; a click that needs one before it arrives only warns.
        UiFixture.waitUntil(() -> models.tokenizerProperty().get() != null
                && models.priorProperty(PriorKind.AR).get() != null
                && models.priorProperty(PriorKind.MASKGIT).get() != null);
        robot.interact(() -> window.viewModel().workspace().open(List.of(img)));
        UiFixture.waitUntil(() -> {
            ImageDocument d = window.viewModel().workspace().selectedProperty().get();
            return d != null && d.name().equals(name) && d.reconstructionProperty().get() != null;
        });
        // The empty-state hint leaves the layout when the first image arrives: settle it before aiming at cells.
        robot.interact(() -> window.scene().getRoot().layout());
        return window.viewModel().workspace().selectedProperty().get();
    }

    /** Waits until the canvas has stopped moving (late notices and images re-lay the page out). */
    private static void settle(TokenGridCanvas c) throws Exception {
        Bounds last = null;
        for (int stable = 0; stable < 3; ) {
            Thread.sleep(100);
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
            Bounds now = c.localToScreen(c.getBoundsInLocal());
            stable = now.equals(last) ? stable + 1 : 0;
            last = now;
        }
    }

    /**
     * A primary-button drag between two cells, as press, drag and release events on the grid's
     * canvas. Synthetic events rather than the robot's pointer: under load the headless robot
     * now and then delivers a drag event with the new x and the previous click's y.
     */
    private static void drag(FxRobot robot, TokenGridCanvas grid, int r0, int c0, int r1, int c1) {
        Node target = grid.lookup("Canvas");
        Point2D from = target.screenToLocal(cell(grid, r0, c0)), to = target.screenToLocal(cell(grid, r1, c1));
        robot.interact(() -> {
            fire(target, MouseEvent.MOUSE_PRESSED, from);
            fire(target, MouseEvent.MOUSE_DRAGGED, to);
            fire(target, MouseEvent.MOUSE_RELEASED, to);
        });
    }

    private static void fire(Node target, EventType<MouseEvent> type, Point2D at) {
        Point2D scene = target.localToScene(at), screen = target.localToScreen(at); // the event maps scene to local
        Event.fireEvent(target, new MouseEvent(type, scene.getX(), scene.getY(), screen.getX(), screen.getY(),
                MouseButton.PRIMARY, 1, false, false, false, false, type != MouseEvent.MOUSE_RELEASED,
                false, false, false, false, false, null));
    }

    /** Screen point of the centre of a grid cell. */
    private static Point2D cell(TokenGridCanvas c, int row, int col) {
        Bounds b = c.localToScreen(c.getBoundsInLocal());
        double side = Math.min(b.getWidth(), b.getHeight());
        double x0 = b.getMinX() + (b.getWidth() - side) / 2, y0 = b.getMinY() + (b.getHeight() - side) / 2;
        double cs = side / c.gridProperty().get().size();
        return new Point2D(x0 + (col + 0.5) * cs, y0 + (row + 0.5) * cs);
    }

    @Test
    void loadAnImageAndSeeItsTokenGrid(FxRobot robot) throws Exception {
        ImageDocument doc = load(robot, "grid.png", 0);
        TokenGridCanvas canvas = robot.lookup("#token-grid").queryAs(TokenGridCanvas.class);
        settle(canvas);
        assertThat(canvas.gridProperty().get()).isEqualTo(doc.grid());
        assertThat(canvas.gridProperty().get().size()).isEqualTo(16);

        // Two moves: a single synthetic move onto the spot where the pointer already is sends no event.
        robot.moveTo(cell(canvas, 3, 4)).moveTo(cell(canvas, 3, 5));
        UiFixture.waitUntil(() -> {
            var h = window.viewModel().tokenGrid().hoverProperty().get();
            return h != null && h.row() == 3 && h.col() == 5;
        });
        Label hover = robot.lookup("#hover-title").queryAs(Label.class);
        assertThat(hover.getText()).isEqualTo("Code " + doc.grid().get(3, 5) + "  at (3, 5)");
        assertThat(robot.lookup("#metrics").queryAs(Label.class).getText()).contains("PSNR").contains("16x16 tokens");
    }

    @Test
    void paintACellAndSeeTheReconstructionChange(FxRobot robot) throws Exception {
        ImageDocument doc = load(robot, "edit.png", 1);
        RgbImage before = doc.reconstructionProperty().get();
        robot.interact(() -> {
            window.viewModel().editor().toolProperty().set(Tool.PAINT);
            window.viewModel().editor().paintCodeProperty().set(0);
        });
        TokenGridCanvas canvas = robot.lookup("#token-grid").queryAs(TokenGridCanvas.class);
        settle(canvas);
        robot.clickOn(cell(canvas, 8, 8));
        UiFixture.waitUntil(() -> doc.reconstructionProperty().get() != before);

        assertThat(doc.grid().get(8, 8)).isZero();
        assertThat(doc.reconstructionProperty().get().get(8 * 4 + 2, 8 * 4 + 2)).isEqualTo(FakeStudioService.colourOf(0));
        assertThat(before.get(8 * 4 + 2, 8 * 4 + 2)).isNotEqualTo(FakeStudioService.colourOf(0));
        assertThat(doc.editedProperty().get()).isTrue();
    }

    @Test
    void resampleARegionAndStepThroughCandidates(FxRobot robot) throws Exception {
        ImageDocument doc = load(robot, "resample.png", 2);
        TokenGridCanvas canvas = robot.lookup("#token-grid").queryAs(TokenGridCanvas.class);
        robot.release(new javafx.scene.input.KeyCode[0]);              // no modifier left down by an earlier test
        robot.interact(() -> window.viewModel().editor().toolProperty().set(Tool.SELECT));
        robot.clickOn(cell(canvas, 0, 0));                              // a complete press/release: no drag in flight
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            window.viewModel().editor().toolProperty().set(Tool.SELECT);
            window.viewModel().editor().clearSelection();
        });
        settle(canvas);
        drag(robot, canvas, 2, 2, 5, 6);
        assertThat(window.viewModel().editor().selectionProperty().get().count()).isEqualTo(4 * 5);

        javafx.scene.control.Button run = robot.lookup("#resample-run").queryButton();
        UiFixture.waitUntil(() -> !run.isDisabled() && run.isVisible());
        robot.clickOn(run);
        UiFixture.waitUntil(() -> window.viewModel().resample().candidates().size() == 4);
        Label which = robot.lookup("#candidate-label").queryAs(Label.class);
        assertThat(which.getText()).startsWith("candidate 1 of 4");

        robot.clickOn("#resample-accept");
        UiFixture.waitUntil(() -> doc.editedProperty().get());
        assertThat(doc.grid().get(3, 3)).isNotEqualTo(doc.encodedProperty().get().get(3, 3));
        assertThat(doc.grid().get(10, 10)).isEqualTo(doc.encodedProperty().get().get(10, 10));
    }
}
