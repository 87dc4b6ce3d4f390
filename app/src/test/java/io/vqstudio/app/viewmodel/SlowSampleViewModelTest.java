package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long sample as the engine draws it, one grid row at a time on a thread of its own (the fake's
 * slow mode), with the UI thread played by this test's thread draining a queue: the page says which
 * row it is at, the tiles fill from the top, and a cancel stops the drawing at the next row.
 */
class SlowSampleViewModelTest {

    @TempDir
    Path dir;

    private final BlockingQueue<Runnable> uiQueue = new LinkedBlockingQueue<>();
    private final FakeStudioService service = new FakeStudioService();

    private StudioViewModel studio() throws Exception {
        Dispatch queued = new Dispatch() {
            @Override
            public void ui(Runnable task) {
                uiQueue.add(task);
            }

            @Override
            public void background(Runnable task) {
                task.run();
            }
        };
        StudioViewModel vm = new StudioViewModel(service, queued, JobTracker.none(),
                new RecentFiles(dir.resolve("recent.txt")), dir.resolve("runs"));
        vm.models().openAll(java.util.List.of(Files.createDirectories(dir.resolve("tokenizer")), dir.resolve("prior-ar")));
        pumpUntil(() -> vm.models().priorProperty(PriorKind.AR).get() != null);
        return vm;
    }

    /** Runs the UI work as it arrives until {@code done} holds (10 s at most: a guard, not a timing). */
    private void pumpUntil(BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
            Runnable task = uiQueue.poll(20, TimeUnit.MILLISECONDS);
            if (task != null) {
                task.run();
            }
        }
    }

    @Test
    void aLongSampleShowsItsRowsAndStopsAtTheNextRowWhenCancelled() throws Exception {
        StudioViewModel vm = studio();
        SampleViewModel s = vm.sample();
        s.form().kindProperty().set(PriorKind.AR);
        s.form().countProperty().set(2);
        s.classIdProperty().set(3);
        service.rowMillis = 30;

        s.run();
        assertThat(s.runningProperty().get()).isTrue();
        pumpUntil(() -> s.statusProperty().get().equals("row 3 of 16"));
        assertThat(s.progressProperty().get()).isEqualTo(3 / 16.0);
        // The tile shows the rows drawn so far and grey below them (a row of the fake's grid is 4 px).
        RgbImage partial = s.gallery().get(0).imageProperty().get();
        assertThat(partial).isNotNull();
        assertThat(partial.get(0, 63) & 0xffffff).isEqualTo(FakeStudioService.colourOf(FakeStudioService.encodeColour(0x808080)));
        assertThat(partial.get(0, 0) & 0xffffff).isNotEqualTo(partial.get(0, 63) & 0xffffff);

        s.cancel();
        pumpUntil(() -> !s.runningProperty().get());
        service.sampler.join(5_000);
        assertThat(service.sampler.isAlive()).isFalse();
        assertThat(service.rowsDrawn.get()).isBetween(3, 15);
        assertThat(s.statusProperty().get()).startsWith("cancelled at row ");
        assertThat(s.gallery()).allMatch(i -> i.gridProperty().get() == null); // nothing half-drawn can be saved
        assertThat(service.decodeCalls).isZero();
        assertThat(vm.runner().notices()).extracting(Notice::text).contains("Sample 2 (class 3 volcano) cancelled");

        // The page is free again: the next sample runs to the end.
        service.rowMillis = 1;
        s.run();
        pumpUntil(() -> !s.runningProperty().get());
        assertThat(s.gallery()).allMatch(i -> i.gridProperty().get() != null);
        assertThat(s.statusProperty().get()).isEqualTo("2 samples of class 3 volcano");
    }

    @Test
    void aCancelWhileDecodingStopsTheDecodingJob() throws Exception {
        StudioViewModel vm = studio();
        SampleViewModel s = vm.sample();
        s.form().kindProperty().set(PriorKind.AR);
        s.form().countProperty().set(1);
        service.rowMillis = 1;
        service.hold = true; // the decode waits
        s.run();
        pumpUntil(() -> s.statusProperty().get().equals("decoding..."));
        s.cancel();
        pumpUntil(() -> !s.runningProperty().get());
        assertThat(s.statusProperty().get()).isEqualTo("cancelled");
        assertThat(vm.runner().notices()).extracting(Notice::text).contains("Decode samples cancelled");
    }
}
