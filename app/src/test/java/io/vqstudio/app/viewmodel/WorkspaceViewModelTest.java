package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkspaceViewModelTest {

    @TempDir
    Path dir;

    @Test
    void openingAnImageEncodesDecodesAndMeasuresIt() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");

        assertThat(doc.grid().size()).isEqualTo(16);
        assertThat(doc.grid().codebookSize()).isEqualTo(FakeStudioService.K);
        assertThat(doc.reconstructionProperty().get().width()).isEqualTo(64);
        // Flat 4x4 cells of a smooth gradient: a close but imperfect reconstruction.
        assertThat(doc.psnrProperty().get()).isBetween(20.0, 60.0);
        assertThat(doc.ssimProperty().get()).isBetween(0.3, 1.0);
        assertThat(doc.editedProperty().get()).isFalse();
        assertThat(f.vm.workspace().recentFiles()).containsExactly(dir.resolve("a.png").toAbsolutePath());
    }

    @Test
    void oddSizedImagesAreCroppedWithANoticeAndUnreadableOnesSkipped() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        f.vm.workspace().open(List.of(f.image("wide.png", 120, 80), f.garbage("broken.png")));

        assertThat(f.vm.workspace().documents()).hasSize(1);
        assertThat(f.vm.workspace().documents().get(0).grid()).isNotNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("wide.png (120x80) was centre-cropped to 80x80 and resized to 64x64"));
        assertThat(f.noticeTexts()).anyMatch(t -> t.startsWith("Skipped 1 unreadable file(s): broken.png"));
    }

    @Test
    void imagesOpenedBeforeATokenizerAreEncodedWhenOneOpens() throws Exception {
        Fixture f = new Fixture(dir);
        ImageDocument doc = f.open("early.png");
        assertThat(doc.grid()).isNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("No tokenizer is open"));

        f.withTokenizer();
        assertThat(doc.grid()).isNotNull();
        assertThat(doc.reconstructionProperty().get()).isNotNull();
    }

    @Test
    void unsavedEditsAreReported() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");
        assertThat(f.vm.workspace().hasUnsavedEdits()).isFalse();
        f.vm.editor().clickCell(0, 0, false);
        f.vm.editor().paintCodeProperty().set(5);
        f.vm.editor().paintSelection();
        assertThat(doc.editedProperty().get()).isTrue();
        assertThat(f.vm.workspace().hasUnsavedEdits()).isTrue();
    }
}
