package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.viewmodel.TokenGridViewModel.ColourMode;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resampling, class-conditional sampling and the likelihood map, over the fake priors. */
class PriorViewModelsTest {

    @TempDir
    Path dir;

    @Test
    void resampleFillsProgressivelyThenStepsThroughCandidatesAndAccepts() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer().withPriors();
        ImageDocument doc = f.open("a.png");
        ResampleViewModel rs = f.vm.resample();

        rs.run();
        assertThat(f.noticeTexts()).anyMatch(t -> t.startsWith("Select the cells to resample"));

        f.vm.editor().selectRect(0, 0, 1, 1, false);
        rs.form().countProperty().set(3);
        f.service.hold = true;
        rs.run();
        assertThat(rs.runningProperty().get()).isTrue();
        assertThat(rs.previewProperty().get()).isNotNull(); // the region fills before the job ends
        f.service.hold = false;
        f.service.release();

        assertThat(rs.candidates()).hasSize(3);
        assertThat(rs.indexProperty().get()).isZero();
        assertThat(rs.candidates().get(0).candidate().logLikelihood())
                .isGreaterThan(rs.candidates().get(2).candidate().logLikelihood());
        rs.next();
        rs.next();
        assertThat(rs.indexProperty().get()).isEqualTo(2);
        TokenGrid chosen = rs.candidates().get(2).candidate().grid();
        rs.accept();
        assertThat(doc.grid()).isEqualTo(chosen);
        assertThat(doc.grid().get(5, 5)).isEqualTo(doc.encodedProperty().get().get(5, 5));
        assertThat(rs.candidates()).isEmpty();
        f.vm.editor().undo();
        assertThat(doc.grid()).isEqualTo(doc.encodedProperty().get());
    }

    @Test
    void sampleByClassFillsTheGalleryAndOpensInTheEditor() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer().withPriors();
        SampleViewModel s = f.vm.sample();
        s.form().kindProperty().set(PriorKind.AR);
        assertThat(s.classes()).hasSize(FakeStudioService.CLASSES.size());
        s.searchProperty().set("gold");
        assertThat(s.classes()).extracting(ClassChoice.ClassEntry::name)
                .containsExactly("golden retriever", "goldfish");
        s.classIdProperty().set(s.classes().get(1).id());
        s.form().countProperty().set(4);

        s.run();
        assertThat(s.gallery()).hasSize(4).allMatch(i -> i.gridProperty().get() != null && i.imageProperty().get() != null);

        Path out = dir.resolve("s0.png");
        s.save(s.gallery().get(0), out);
        assertThat(Files.size(out)).isPositive();
        ImageDocument doc = s.openInEditor(s.gallery().get(2));
        assertThat(f.vm.workspace().selectedProperty().get()).isSameAs(doc);
        assertThat(doc.grid()).isEqualTo(s.gallery().get(2).gridProperty().get());
    }

    @Test
    void likelihoodColouringNeedsAPriorAndFetchesTheMap() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        f.open("a.png");
        TokenGridViewModel g = f.vm.tokenGrid();
        g.colourModeProperty().set(ColourMode.LIKELIHOOD);
        assertThat(g.colourModeProperty().get()).isEqualTo(ColourMode.CODE);
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("needs a prior"));

        f.withPriors();
        g.colourModeProperty().set(ColourMode.LIKELIHOOD);
        assertThat(g.nllProperty().get()).hasSize(256);

        g.hover(1, 2);
        int code = f.vm.workspace().selectedProperty().get().grid().get(1, 2);
        assertThat(g.hoverProperty().get().code()).isEqualTo(code);
        assertThat(g.hoverProperty().get().inSet()).isPositive();
        assertThat(g.hoverProperty().get().appearance()).isNotNull();
    }
}
