package io.vqstudio.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import io.vqstudio.app.shell.Page;
import io.vqstudio.app.viewmodel.ClassChoice.ClassEntry;
import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The Sample page and the Resample panel with ImageNet's 1,000 classes, headless under Monocle over the
 * fake service: the class list stays a screenful of cells and keeps its choice through searches, a
 * taming transformer asks for a class and disables guidance, and a long sample shows its rows and
 * stops on Cancel.
 */
@ExtendWith(ApplicationExtension.class)
class ClassConditionalUiTest {

    @TempDir
    static Path dir;

    private final FakeStudioService service = new FakeStudioService();
    private MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        window = new MainWindow(stage, service,
                new MainWindow.Options(dir.resolve("runs"), new RecentFiles(dir.resolve("recent.txt")), false, false));
        stage.show();
    }

    private void open(FxRobot robot, String prior) throws Exception {
        var models = window.viewModel().models();
        robot.interact(() -> models.openAll(List.of(dir.resolve("tokenizer"), dir.resolve(prior))));
        UiFixture.waitUntil(() -> models.priorProperty(PriorKind.AR).get() != null
                && models.priorProperty(PriorKind.AR).get().path().endsWith(prior));
        robot.interact(() -> {
            window.viewModel().sample().form().kindProperty().set(PriorKind.AR);
            window.viewModel().resample().form().kindProperty().set(PriorKind.AR);
            window.show(Page.SAMPLE);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aThousandClassesStaySearchableAndTheChoiceSurvivesASearch(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("tokenizer"));
        open(robot, "c2i_B_256.pt");
        ListView<ClassEntry> list = robot.lookup("#class-list").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(1000);
        // Virtualised: a screenful of cells for 1,000 names.
        assertThat(list.lookupAll(".list-cell")).hasSizeLessThan(100);

        robot.clickOn("#class-list-search").write("retriever");
        UiFixture.waitUntil(() -> list.getItems().size() < 10);
        assertThat(list.getItems()).extracting(Object::toString).contains("207 golden retriever");
        ListCell<?> golden = robot.lookup(".list-cell").match((ListCell<?> c) -> "207 golden retriever".equals(c.getText()))
                .queryAs(ListCell.class);
        robot.clickOn(golden);
        UiFixture.waitUntil(() -> window.viewModel().sample().classIdProperty().get() == 207);
        assertThat(robot.lookup("#class-list-chosen").queryAs(Label.class).getText()).isEqualTo("class 207 golden retriever");

        // A new search hides the chosen class from the list, not from the choice.
        robot.interact(() -> robot.lookup("#class-list-search").queryAs(TextField.class).setText("tabby"));
        assertThat(list.getItems()).extracting(Object::toString).containsExactly("281 tabby");
        assertThat(window.viewModel().sample().classIdProperty().get()).isEqualTo(207);
        robot.interact(() -> robot.lookup("#class-list-search").queryAs(TextField.class).setText(""));
        assertThat(window.viewModel().sample().classIdProperty().get()).isEqualTo(207);
        assertThat(robot.lookup("#guidance").queryAs(Node.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#sample-why").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void aTamingTransformerAsksForAClassAndIsNotGuided(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("tokenizer"));
        open(robot, "cin_transformer.ckpt");
        Label why = robot.lookup("#sample-why").queryAs(Label.class);
        assertThat(why.isVisible()).isTrue();
        assertThat(why.getText()).startsWith("Pick a class first: the taming transformer cin_transformer");
        assertThat(robot.lookup("#sample-page .button").match((Button b) -> "Unconditional".equals(b.getText()))
                .queryButton().isDisabled()).isTrue();
        assertThat(robot.lookup("#sample-page #guidance").queryAs(Node.class).isDisabled()).isTrue();

        robot.clickOn("#sample-run");
        UiFixture.waitUntil(() -> window.viewModel().runner().notices().stream()
                .anyMatch(n -> n.text().startsWith("Pick a class first")));
        assertThat(window.viewModel().sample().gallery()).isEmpty();

        robot.interact(() -> window.show(Page.WORKSPACE));
        assertThat(robot.lookup("#resample-why").queryAs(Label.class).isVisible()).isTrue();
        assertThat(robot.lookup("#resample-class-list").queryAs(ListView.class).getItems()).hasSize(1000);
        robot.interact(() -> window.viewModel().resample().classChoice().classIdProperty().set(980));
        assertThat(robot.lookup("#resample-why").queryAs(Label.class).isVisible()).isFalse();
        assertThat(robot.lookup("#resample-class-list-chosen").queryAs(Label.class).getText()).isEqualTo("class 980 volcano");
    }

    @Test
    void aLongSampleShowsItsRowsAndCancelStopsIt(FxRobot robot) throws Exception {
        Files.createDirectories(dir.resolve("tokenizer"));
        open(robot, "c2i_B_256.pt");
        robot.interact(() -> window.viewModel().sample().form().countProperty().set(2));
        service.rowMillis = 100;
        robot.clickOn("#sample-run");
        Label status = robot.lookup("#sample-status").queryAs(Label.class);
        UiFixture.waitUntil(() -> status.getText().matches("row ([2-9]|1[0-5]) of 16"));
        assertThat(robot.lookup("#sample-progress").queryAs(Node.class).isVisible()).isTrue();
        assertThat(window.viewModel().sample().gallery().get(0).imageProperty().get()).isNotNull();

        robot.clickOn("#sample-cancel");
        UiFixture.waitUntil(() -> !window.viewModel().sample().runningProperty().get());
        service.sampler.join(5_000);
        assertThat(service.rowsDrawn.get()).isLessThan(16);
        assertThat(status.getText()).startsWith("cancelled at row ");
        assertThat(robot.lookup("#sample-run").queryButton().isDisabled()).isFalse();
        assertThat(robot.lookup("#sample-cancel").queryButton().isDisabled()).isTrue();
    }
}
