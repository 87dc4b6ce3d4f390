package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.viewmodel.CodebookViewModel.Filter;
import io.vqstudio.app.viewmodel.CodebookViewModel.Sort;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodebookViewModelTest {

    @TempDir
    Path dir;

    @Test
    void usageStatisticsFollowTheLoadedImagesAndEdits() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");
        CodebookViewModel cb = f.vm.codebook();

        assertThat(cb.heatmapColumns()).isEqualTo(128); // 8192 codes as a 128 x 64 field
        long[] counts = cb.countsProperty().get();
        assertThat(Arrays.stream(counts).sum()).isEqualTo(256);
        int used = (int) Arrays.stream(counts).filter(c -> c > 0).count();
        assertThat(cb.deadCodesProperty().get()).isEqualTo(FakeStudioService.K - used);
        assertThat(cb.usageProperty().get()).isEqualTo((double) used / FakeStudioService.K);
        assertThat(cb.perplexityProperty().get()).isBetween(1.0, used + 1e-9);

        f.vm.editor().selectAll();
        f.vm.editor().paintCodeProperty().set(42);
        f.vm.editor().paintSelection();
        assertThat(cb.countInSet(42)).isEqualTo(256);
        assertThat(cb.perplexityProperty().get()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(doc.grid().get(0, 0)).isEqualTo(42);
    }

    @Test
    void selectingACodeShowsItAndWhereItOccurs() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        ImageDocument doc = f.open("a.png");
        CodebookViewModel cb = f.vm.codebook();
        int code = doc.grid().get(0, 0);

        cb.selectedCodeProperty().set(code);
        assertThat(cb.selectedAppearanceProperty().get().get(0, 0)).isEqualTo(FakeStudioService.colourOf(code));
        assertThat(cb.occurrences()).hasSize(1);
        assertThat(cb.occurrences().get(0).document()).isSameAs(doc);
        assertThat(cb.occurrences().get(0).count()).isEqualTo(CodebookViewModel.countIn(doc.grid(), code));
    }

    @Test
    void theCodeListSortsAndFiltersByFrequency() throws Exception {
        Fixture f = new Fixture(dir).withTokenizer();
        f.open("a.png");
        CodebookViewModel cb = f.vm.codebook();
        assertThat(cb.rows()).hasSize(FakeStudioService.K);
        assertThat(cb.rows().get(0).count()).isGreaterThanOrEqualTo(cb.rows().get(1).count());

        cb.filterProperty().set(Filter.USED);
        assertThat(cb.rows()).allMatch(r -> r.count() > 0);
        cb.sortProperty().set(Sort.LEAST_USED);
        assertThat(cb.rows().get(0).count()).isLessThanOrEqualTo(cb.rows().get(cb.rows().size() - 1).count());
        cb.filterProperty().set(Filter.DEAD);
        assertThat(cb.rows()).hasSize(cb.deadCodesProperty().get()).allMatch(r -> r.count() == 0);
    }
}
