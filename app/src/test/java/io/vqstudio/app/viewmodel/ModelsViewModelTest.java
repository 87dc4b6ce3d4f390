package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.core.PriorKind;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelsViewModelTest {

    @TempDir
    Path dir;

    @Test
    void priorsNeedTheirOwnTokenizer() {
        Fixture f = new Fixture(dir);
        f.vm.models().open(dir.resolve("prior-ar"));
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get()).isNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.startsWith("Open a tokenizer before a prior"));

        f.withTokenizer().withPriors();
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get().name()).isEqualTo("fake-vim");
        assertThat(f.vm.models().priorProperty(PriorKind.MASKGIT).get().name()).isEqualTo("fake-maskgit");

        f.vm.models().open(dir.resolve("prior-other-ar"));
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("was made for the tokenizer tok-other")
                && t.contains("open its own tokenizer first"));
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get().name()).isEqualTo("fake-vim");
    }

    @Test
    void aBrokenCheckpointIsAClearMessage() {
        Fixture f = new Fixture(dir);
        f.vm.models().open(dir.resolve("broken"));
        assertThat(f.vm.models().tokenizerProperty().get()).isNull();
        assertThat(f.noticeTexts()).anyMatch(t -> t.contains("Cannot open") && t.contains("spec.json"));
    }

    @Test
    void defaultModelsAreFoundUnderAssets() throws Exception {
        Path assets = dir.resolve("assets");
        for (String m : new String[] {"tokenizer", "prior-ar", "prior-maskgit"}) {
            Files.createDirectories(assets.resolve("models").resolve(m));
            Files.writeString(assets.resolve("models").resolve(m).resolve("spec.json"), "{}");
        }
        Fixture f = new Fixture(dir);
        f.vm.models().openDefaults(assets);
        assertThat(f.vm.models().tokenizerProperty().get()).isNotNull();
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get()).isNotNull();
        assertThat(f.vm.models().priorProperty(PriorKind.MASKGIT).get()).isNotNull();

        Fixture none = new Fixture(dir.resolve("x"));
        none.vm.models().openDefaults(dir.resolve("nowhere"));
        assertThat(none.vm.models().tokenizerProperty().get()).isNull();
        assertThat(none.noticeTexts()).anyMatch(t -> t.startsWith("No default models in"));
    }

    @Test
    void specAndRecentFileReadsRunOffTheUiThread() throws Exception {
        Path recent = Files.write(dir.resolve("recent.txt"), List.of(dir.resolve("a.png").toString()));
        Deque<Runnable> background = new ArrayDeque<>();
        Dispatch held = holding(background);
        StudioViewModel vm = new StudioViewModel(new FakeStudioService(), held, JobTracker.none(),
                new RecentFiles(recent), dir.resolve("runs"));
        vm.models().open(dir.resolve("tokenizer"));
        vm.models().openDefaults(dir.resolve("nowhere"));
        // Nothing was read on the calling (UI) thread: the reads wait for the background.
        assertThat(vm.workspace().recentFiles()).isEmpty();
        assertThat(vm.models().tokenizerProperty().get()).isNull();
        assertThat(vm.runner().notices()).isEmpty();
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertThat(vm.workspace().recentFiles()).containsExactly(dir.resolve("a.png"));
        assertThat(vm.models().tokenizerProperty().get()).isNotNull();
        assertThat(vm.runner().notices()).anyMatch(n -> n.text().startsWith("No default models in"));
    }

    @Test
    void savingAPictureWritesOffTheUiThreadAndSaysSoOnIt() throws Exception {
        Deque<Runnable> background = new ArrayDeque<>();
        Dispatch held = holding(background);
        StudioViewModel vm = new StudioViewModel(new FakeStudioService(), held, JobTracker.none(),
                new RecentFiles(dir.resolve("recent.txt")), dir.resolve("runs"));
        Path png = dir.resolve("out.png");
        vm.export().writePng(new io.vqstudio.bridge.core.RgbImage(2, 2, new int[4]), png);
        assertThat(png).doesNotExist(); // nothing written on the calling (UI) thread
        Path blocked = dir.resolve("a-folder");
        Files.createDirectories(blocked);
        vm.export().writePng(new io.vqstudio.bridge.core.RgbImage(2, 2, new int[4]), blocked);
        while (!background.isEmpty()) {
            background.poll().run();
        }
        assertThat(png).exists();
        assertThat(vm.runner().notices()).anyMatch(n -> n.text().equals("Saved out.png"))
                .anyMatch(n -> n.text().startsWith("Cannot write " + blocked));
    }

    /** Runs UI tasks at once and keeps background ones in {@code background} until the test runs them. */
    private static Dispatch holding(Deque<Runnable> background) {
        return new Dispatch() {
            @Override
            public void ui(Runnable task) {
                task.run();
            }

            @Override
            public void background(Runnable task) {
                background.add(task);
            }
        };
    }
}
