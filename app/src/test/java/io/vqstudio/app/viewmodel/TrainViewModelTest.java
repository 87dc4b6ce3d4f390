package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainViewModelTest {

    @TempDir
    Path dir;

    @Test
    void aRunStreamsMetricsAndPreviewsAndIsListed() throws Exception {
        Fixture f = new Fixture(dir);
        TrainViewModel t = f.vm.train();
        t.start();
        assertThat(f.noticeTexts()).anyMatch(s -> s.startsWith("Choose the training data"));

        t.dataProperty().set(dir.resolve("images").toString());
        t.presetProperty().set("vit-tiny");
        t.stepsProperty().set(30);
        t.start();

        assertThat(t.points()).anyMatch(p -> p.key().equals("train/rec_loss"))
                .anyMatch(p -> p.key().equals("val/codebook_usage"));
        assertThat(t.previewProperty().get()).isNotNull();
        assertThat(t.runningProperty().get()).isFalse();
        assertThat(t.statusProperty().get()).startsWith("Finished");
        assertThat(t.runs()).hasSize(1);
        assertThat(t.currentRunProperty().get().resolve("studio-run.json")).exists();
    }

    @Test
    void aNewRunNeverTakesTheFolderOfAnotherRun() throws Exception {
        Fixture f = new Fixture(dir);
        TrainViewModel t = f.vm.train();
        t.dataProperty().set(dir.resolve("images").toString());
        t.presetProperty().set("vit-tiny");
        // Runs named for this second and the next two (the name a start takes is the preset and the time).
        java.time.LocalDateTime now = java.time.LocalDateTime.now();
        java.util.List<Path> taken = new java.util.ArrayList<>();
        for (int s = 0; s < 3; s++) {
            Path old = dir.resolve("runs").resolve("vit-tiny-"
                    + now.plusSeconds(s).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            Files.createDirectories(old);
            Files.writeString(old.resolve("studio-run.json"), "{\"target\": \"prior-ar\"}");
            Files.writeString(old.resolve("train.json"), "{\"tokens\": \"old\"}");
            taken.add(old);
        }
        t.start();
        assertThat(t.currentRunProperty().get()).isNotIn(taken);
        assertThat(t.currentRunProperty().get().getFileName().toString()).startsWith("vit-tiny-").endsWith("-2");
        for (Path old : taken) {
            assertThat(Files.readString(old.resolve("studio-run.json"))).isEqualTo("{\"target\": \"prior-ar\"}");
            assertThat(Files.readString(old.resolve("train.json"))).isEqualTo("{\"tokens\": \"old\"}");
        }
    }

    @Test
    void aDecoderFineTuneStartsFromTheOpenTokenizerWithOnlyThePixelLosses() throws Exception {
        Fixture f = new Fixture(dir);
        TrainViewModel t = f.vm.train();
        t.targetProperty().set(TrainViewModel.Target.DECODER);
        t.dataProperty().set(dir.resolve("images").toString());
        t.start();
        assertThat(f.noticeTexts()).anyMatch(s -> s.startsWith("Open the tokenizer whose decoder"));
        assertThat(f.service.lastTokenizerSpec).isNull();

        f.withTokenizer();
        t.stepsProperty().set(400);
        t.start();
        var spec = f.service.lastTokenizerSpec;
        assertThat(spec.decoderOf()).isEqualTo(dir.resolve("tokenizer").toString());
        assertThat(spec.model().name()).isEqualTo("fake-vit");
        assertThat(spec.model().loss().perceptual()).isZero();
        assertThat(spec.model().loss().usesDiscriminator()).isFalse();
        assertThat(spec.steps()).isEqualTo(400);
        assertThat(t.statusProperty().get()).startsWith("Finished");
        Path run = t.currentRunProperty().get();
        assertThat(run.getFileName().toString()).startsWith("decoder-fake-vit-");
        assertThat(io.vqstudio.bridge.api.RunRecord.read(run).decoderOf()).isEqualTo(spec.decoderOf());
    }

    @Test
    void stopCancelsAndAReopenedRunShowsItsLog() throws Exception {
        Fixture f = new Fixture(dir);
        TrainViewModel t = f.vm.train();
        t.dataProperty().set("images.zip");
        f.service.hold = true;
        t.start();
        assertThat(t.runningProperty().get()).isTrue();
        t.stop();
        assertThat(f.service.lastTraining.isCancelled()).isTrue();
        assertThat(t.runningProperty().get()).isFalse();
        assertThat(t.statusProperty().get()).contains("resume continues");

        Path run = t.currentRunProperty().get();
        Files.writeString(run.resolve("metrics.jsonl"),
                "{\"step\": 50, \"train/rec_loss\": 0.5}\n{\"step\": 100, \"val/psnr\": 21.5}\n{\"step\": 1");
        t.open(run);
        assertThat(t.points()).extracting(TrainViewModel.Point::step).containsExactly(50L, 100L);
        f.service.hold = false;
        t.resume();
        assertThat(t.statusProperty().get()).startsWith("Finished");
    }
}
