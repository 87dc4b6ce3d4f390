package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening model files of other projects: the import job, its cancel, its refusals, drops and training. */
class ImportViewModelTest {

    @TempDir
    Path dir;

    private final FakeStudioService service = new FakeStudioService();
    private final Map<String, StudioJob<?>> tracked = new LinkedHashMap<>();

    private StudioViewModel studio() {
        JobTracker recording = tracked::put;
        return new StudioViewModel(service, Dispatch.direct(), recording, new RecentFiles(dir.resolve("recent.txt")),
                dir.resolve("runs"));
    }

    private static List<String> texts(StudioViewModel vm) {
        return vm.runner().notices().stream().map(Notice::text).toList();
    }

    @Test
    void aPyTorchFileImportsAsATokenizerInACancellableJobThatSaysWhatItDoes() {
        StudioViewModel vm = studio();
        service.hold = true;
        vm.models().open(dir.resolve("last.ckpt"));
        assertThat(texts(vm)).contains("Importing taming-vqgan from last.ckpt...");
        assertThat(tracked).containsKey("Import taming-vqgan from last.ckpt");

        tracked.get("Import taming-vqgan from last.ckpt").cancel();
        assertThat(vm.models().tokenizerProperty().get()).isNull();
        assertThat(texts(vm)).contains("Import taming-vqgan from last.ckpt cancelled");
        assertThat(texts(vm)).noneMatch(t -> t.startsWith("Cannot"));

        service.hold = false;
        vm.models().open(dir.resolve("last.ckpt"));
        var info = vm.models().tokenizerProperty().get();
        assertThat(info.family()).isEqualTo("taming-vqgan");
        assertThat(info.trainable()).isFalse();
        assertThat(vm.models().shownProperty().get()).isSameAs(info);
        // With no images open there is nothing to encode: no empty batch goes to the engine.
        assertThat(tracked.keySet()).noneMatch(t -> t.startsWith("Encode"));
    }

    @Test
    void aMismatchOrAnUnknownFamilyIsOneSentenceNamingTheFile() {
        StudioViewModel vm = studio();
        vm.models().open(dir.resolve("mismatch.ckpt"));
        assertThat(texts(vm)).anyMatch(t -> t.startsWith("Cannot import mismatch.ckpt as a taming-vqgan tokenizer: ")
                && t.contains("missing keys encoder.conv_in.weight (128, 3, 3, 3)") && !t.contains("\n"));
        vm.models().open(dir.resolve("unknown.pt"));
        assertThat(texts(vm)).anyMatch(t -> t.contains("unknown.pt holds weights of no model family"));
        assertThat(vm.models().tokenizerProperty().get()).isNull();
    }

    @Test
    void droppedModelsOpenAsModelsAndDroppedImagesAsImages() throws Exception {
        Fixture f = new Fixture(dir);
        Path image = f.image("cat.png", 64, 64);
        Path folder = Files.createDirectories(dir.resolve("tokenizer"));
        f.vm.openDropped(List.of(image, dir.resolve("last.ckpt")));
        assertThat(f.vm.models().tokenizerProperty().get().family()).isEqualTo("taming-vqgan");
        assertThat(f.vm.workspace().documents()).hasSize(1);

        f.vm.openDropped(List.of(folder));
        assertThat(f.vm.models().tokenizerProperty().get().family()).isEqualTo("vit-vqgan");
        assertThat(f.vm.workspace().documents()).hasSize(1);
        assertThat(StudioViewModel.isModel(dir.resolve("x").resolve("spec.json"))).isTrue();
        assertThat(StudioViewModel.isModel(dir.resolve("vq_ds16_c2i.PT"))).isTrue();
        assertThat(StudioViewModel.isModel(image)).isFalse();
    }

    @Test
    void aForeignPriorFileImportsAsAPriorForTheOpenTokenizerInACancellableJob() throws Exception {
        StudioViewModel vm = studio();
        vm.models().open(dir.resolve("c2i_B_256.pt"));
        assertThat(texts(vm)).contains("Open a tokenizer before a prior: a prior models one tokenizer's codes.");
        assertThat(tracked).isEmpty();

        vm.models().open(Files.createDirectories(dir.resolve("tokenizer")));
        var tokenizer = vm.models().tokenizerProperty().get();
        service.hold = true;
        vm.models().open(dir.resolve("c2i_B_256.pt"));
        assertThat(texts(vm)).contains("Importing llamagen-gpt from c2i_B_256.pt...");
        tracked.get("Import llamagen-gpt from c2i_B_256.pt").cancel();
        assertThat(texts(vm)).contains("Import llamagen-gpt from c2i_B_256.pt cancelled").noneMatch(t -> t.startsWith("Cannot"));
        assertThat(vm.models().priorProperty(PriorKind.AR).get()).isNull();

        service.hold = false;
        vm.models().open(dir.resolve("c2i_B_256.pt"));
        var prior = vm.models().priorProperty(PriorKind.AR).get();
        assertThat(prior.family()).isEqualTo("llamagen-gpt");
        assertThat(prior.classNames()).hasSize(1000);
        assertThat(vm.models().tokenizerProperty().get()).isSameAs(tokenizer); // not replaced by an "imported tokenizer"
        assertThat(vm.models().shownProperty().get()).isSameAs(prior);
        assertThat(texts(vm)).contains("LlamaGen GPT prior c2i_B_256 is loaded");

        vm.models().open(dir.resolve("c2i_mismatch_256.pt"));
        assertThat(texts(vm)).anyMatch(t -> t.equals("Cannot import c2i_mismatch_256.pt as a llamagen-gpt prior: "
                + "c2i_mismatch_256.pt models 16,384 codes, not the 8,192 of the open tokenizer fake-vit"));
        assertThat(vm.models().priorProperty(PriorKind.AR).get()).isSameAs(prior);
    }

    @Test
    void aDroppedTokenizerAndForeignPriorOpenInTheirOrder() throws Exception {
        Fixture f = new Fixture(dir);
        f.vm.openDropped(List.of(Files.createDirectories(dir.resolve("tokenizer")), dir.resolve("c2i_B_256.pt")));
        assertThat(f.vm.models().tokenizerProperty().get().family()).isEqualTo("vit-vqgan");
        assertThat(f.vm.models().priorProperty(PriorKind.AR).get().family()).isEqualTo("llamagen-gpt");
    }

    /** A taming cond-transformer file holds the first stage its prior was trained on: both open from it, paired. */
    @Test
    void aTamingTransformerFileOpensItsOwnTokenizerThenThePrior() throws Exception {
        Fixture f = new Fixture(dir);
        Path cin = dir.resolve("cin_transformer.ckpt");
        f.vm.openDropped(List.of(Files.createDirectories(dir.resolve("tokenizer")), cin));
        var tok = f.vm.models().tokenizerProperty().get();
        assertThat(tok.family()).isEqualTo("taming-vqgan");
        assertThat(tok.path()).isEqualTo(cin);
        var prior = f.vm.models().priorProperty(PriorKind.AR).get();
        assertThat(prior.family()).isEqualTo("taming-gpt");
        assertThat(prior.tokenizerId()).isEqualTo(tok.id());
        assertThat(prior.nullClass()).isFalse();
    }

    @Test
    void theDecoderOfAnImportedTokenizerIsNotFineTuned() {
        Fixture f = new Fixture(dir);
        f.vm.models().open(dir.resolve("last.ckpt"));
        TrainViewModel t = f.vm.train();
        t.targetProperty().set(TrainViewModel.Target.DECODER);
        t.dataProperty().set(dir.resolve("images").toString());
        t.start();
        assertThat(f.noticeTexts()).anyMatch(s -> s.startsWith("vqgan_imagenet_f16_1024 is a taming-vqgan tokenizer "
                + "imported from another project, for inference only: its decoder cannot be fine-tuned here"));
        assertThat(f.service.lastTokenizerSpec).isNull();
        assertThat(t.runs()).isEmpty();
    }
}
