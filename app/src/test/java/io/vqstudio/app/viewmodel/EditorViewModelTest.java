package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EditorViewModelTest {

    @TempDir
    Path dir;

    @Test
    void paintingARectangleRedecodesAndUndoRedoResetWork() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");
        TokenGrid before = doc.grid();
        double psnrBefore = doc.psnrProperty().get();
        EditorViewModel ed = f.vm.editor();

        ed.selectRect(2, 3, 4, 5, false);
        assertThat(ed.selectionProperty().get().count()).isEqualTo(9);
        ed.paintCodeProperty().set(0);
        ed.paintSelection();

        assertThat(doc.grid().get(3, 4)).isZero();
        assertThat(doc.grid().get(0, 0)).isEqualTo(before.get(0, 0));
        // The black cells show up in the reconstruction at once.
        assertThat(doc.reconstructionProperty().get().get(4 * 4 + 1, 3 * 4 + 1)).isEqualTo(FakeStudioService.colourOf(0));
        assertThat(doc.psnrProperty().get()).isLessThan(psnrBefore);

        ed.undo();
        assertThat(doc.grid()).isEqualTo(before);
        assertThat(doc.psnrProperty().get()).isEqualTo(psnrBefore);
        ed.redo();
        assertThat(doc.grid().get(3, 4)).isZero();
        ed.reset();
        assertThat(doc.grid()).isEqualTo(before);
        assertThat(doc.canUndoProperty().get()).isTrue(); // the reset itself can be undone
    }

    @Test
    void eyedropperBrushAndPaintTool() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");
        EditorViewModel ed = f.vm.editor();
        ed.pick(15, 15);
        int code = doc.grid().get(15, 15);
        assertThat(ed.paintCodeProperty().get()).isEqualTo(code);

        ed.brushRadiusProperty().set(1);
        ed.brush(8, 8);
        assertThat(ed.selectionProperty().get().count()).isEqualTo(5); // a plus-shaped dab

        ed.paintCell(0, 0);
        assertThat(doc.grid().get(0, 0)).isEqualTo(code);
    }

    @Test
    void copyAndPasteTokensBetweenImages() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument a = f.open("a.png");
        EditorViewModel ed = f.vm.editor();
        ed.selectRect(0, 0, 1, 1, false);
        assertThat(ed.copy()).isTrue();
        TokenGrid source = a.grid();

        ImageDocument b = f.open("b.png");
        f.vm.workspace().selectedProperty().set(b);
        ed.pasteAt(10, 12);
        assertThat(b.grid().get(10, 12)).isEqualTo(source.get(0, 0));
        assertThat(b.grid().get(11, 13)).isEqualTo(source.get(1, 1));
        assertThat(b.editedProperty().get()).isTrue();
    }
}
