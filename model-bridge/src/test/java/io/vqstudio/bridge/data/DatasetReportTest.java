package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetReportTest {

    @TempDir
    Path dir;

    @Test
    void reportCountsClassesSizesGreyAndUnreadable() throws Exception {
        List<long[]> progress = new ArrayList<>();
        DatasetReport r;
        try (ImageSource src = ImageSources.open(TestImages.petsFolder(dir))) {
            r = DatasetReport.scan(src, 2, Progress.counting((done, total) -> progress.add(new long[] {done, total})));
            assertThat(DatasetReport.scan(src, 1, Progress.NONE)).isEqualTo(r);
        }
        assertThat(r.totalImages()).isEqualTo(TestImages.PET_FILES);
        assertThat(r.readableImages()).isEqualTo(TestImages.PET_READABLE);
        assertThat(r.perClass()).containsExactly(java.util.Map.entry("birds", 1), java.util.Map.entry("cats", 4),
                java.util.Map.entry("dogs", 3));
        assertThat(r.resolutions()).containsEntry("16x16", 4).containsEntry("37x23", 1).containsEntry("18x18", 1);
        assertThat(r.resolutions().keySet()).first().isEqualTo("16x16");
        assertThat(r.greyscaleImages()).isEqualTo(1);
        assertThat(r.unreadableImages()).isEqualTo(3);
        assertThat(r.unreadableExamples()).containsExactly("cats/zero.jpg (zero bytes)", "dogs/notes.jpg (not an image)",
                "dogs/trunc.jpg (truncated)");
        assertThat(r.classNames()).containsEntry("dogs", "dog, domestic dog");
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(11, 11);
        assertThat(r.toText()).contains("11 files, 8 readable, 3 unreadable, 1 greyscale", "Classes      3",
                "domestic cat", "16x16: 4", "Skipped 3 unreadable files");
    }
}
