package io.vqstudio.app.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.Preferences;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.api.ModelSets;
import io.vqstudio.bridge.core.PriorKind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded model sets in the studio, over the fake service with every callback on the test's thread. */
class ModelSetsViewModelTest {

    @TempDir
    Path dir;

    private Path assets() {
        return dir.resolve("assets");
    }

    private Path fashion(String name) {
        return assets().resolve("fashion-mnist/models").resolve(name);
    }

    private Path tiny(String name) {
        return assets().resolve("models").resolve(name);
    }

    /** Checkpoint folders (a spec.json each) for the named models of a set. */
    private static void checkpoints(Path models, String... names) throws IOException {
        for (String n : names) {
            Files.createDirectories(models.resolve(n));
            Files.writeString(models.resolve(n).resolve("spec.json"), "{}");
        }
    }

    /** Fashion-MNIST's examples: 28x28 grey pictures, and the SOURCE.md that is not one. */
    private void examples(String... names) throws IOException {
        Path folder = Files.createDirectories(assets().resolve("fashion-mnist/examples"));
        for (int i = 0; i < names.length; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    img.getRaster().setSample(x, y, 0, (x * 9 + y * 3 + i * 40) % 256);
                }
            }
            ImageIO.write(img, "png", folder.resolve(names[i]).toFile());
        }
        Files.writeString(folder.resolve("SOURCE.md"), "# Fashion-MNIST test pictures");
    }

    private void bothSets() throws IOException {
        checkpoints(assets().resolve("fashion-mnist/models"), "tokenizer", "prior-ar", "prior-maskgit");
        checkpoints(assets().resolve("models"), "tokenizer", "prior-ar", "prior-maskgit");
        examples("trouser-0.png", "bag-0.png", "sandal-0.png");
    }

    private StudioViewModel studio() {
        return new StudioViewModel(new FakeStudioService(), Dispatch.direct(), JobTracker.none(),
                new RecentFiles(dir.resolve("recent.txt")), new Preferences(dir.resolve("preferences.properties")), dir.resolve("runs"));
    }

    private static Path tokenizerPath(StudioViewModel vm) {
        return vm.models().tokenizerProperty().get().path();
    }

    private static Path priorPath(StudioViewModel vm, PriorKind kind) {
        var p = vm.models().priorProperty(kind).get();
        return p == null ? null : p.path();
    }

    private static List<String> documentNames(StudioViewModel vm) {
        return vm.workspace().documents().stream().map(ImageDocument::name).toList();
    }

    private static List<String> notices(StudioViewModel vm) {
        return vm.runner().notices().stream().map(Notice::text).toList();
    }

    @Test
    void theStudioOpensOnFashionMnistWithItsExamplesEncodedAndTheFirstSelected() throws Exception {
        bothSets();
        StudioViewModel vm = studio();
        vm.modelSets().openAtStart(assets());

        assertThat(vm.modelSets().activeProperty().get().id()).isEqualTo(ModelSets.FASHION_MNIST);
        assertThat(vm.modelSets().sets()).extracting(ModelSetsViewModel.SetState::name)
                .containsExactly("Fashion-MNIST", "Tiny ImageNet photos");
        assertThat(tokenizerPath(vm)).isEqualTo(fashion("tokenizer"));
        assertThat(priorPath(vm, PriorKind.AR)).isEqualTo(fashion("prior-ar"));
        assertThat(priorPath(vm, PriorKind.MASKGIT)).isEqualTo(fashion("prior-maskgit"));
        assertThat(documentNames(vm)).containsExactly("bag-0.png", "sandal-0.png", "trouser-0.png");
        assertThat(vm.workspace().selectedProperty().get().name()).isEqualTo("bag-0.png");
        for (ImageDocument d : vm.workspace().documents()) {
            assertThat(d.encodedProperty().get()).as(d.name()).isNotNull();
            assertThat(d.reconstructionProperty().get()).as(d.name()).isNotNull();
        }
        // Examples are not the user's files: they stay out of the recent list, and their resizing is no news.
        assertThat(vm.workspace().recentFiles()).isEmpty();
        assertThat(dir.resolve("recent.txt")).doesNotExist();
        assertThat(notices(vm)).noneMatch(t -> t.contains("resized"));
    }

    @Test
    void switchingReplacesModelsAndExamplesKeepsTheUsersPicturesAndIsRememberedByTheNextStudio() throws Exception {
        bothSets();
        StudioViewModel vm = studio();
        vm.modelSets().openAtStart(assets());
        Path own = new Fixture(dir).image("mine.png", 64, 64);
        vm.workspace().open(List.of(own));
        assertThat(documentNames(vm)).hasSize(4);

        vm.modelSets().choose(ModelSets.TINY_IMAGENET);
        assertThat(vm.modelSets().activeProperty().get().id()).isEqualTo(ModelSets.TINY_IMAGENET);
        assertThat(tokenizerPath(vm)).isEqualTo(tiny("tokenizer"));
        assertThat(priorPath(vm, PriorKind.AR)).isEqualTo(tiny("prior-ar"));
        assertThat(priorPath(vm, PriorKind.MASKGIT)).isEqualTo(tiny("prior-maskgit"));
        assertThat(documentNames(vm)).containsExactly("mine.png");
        assertThat(vm.workspace().documents().get(0).reconstructionProperty().get()).isNotNull();
        assertThat(notices(vm)).contains("Opening the Tiny ImageNet photos model set...");
        assertThat(Files.readString(dir.resolve("preferences.properties"))).contains("modelSet=tiny-imagenet");

        StudioViewModel next = studio();
        next.modelSets().openAtStart(assets());
        assertThat(next.modelSets().activeProperty().get().id()).isEqualTo(ModelSets.TINY_IMAGENET);
        assertThat(tokenizerPath(next)).isEqualTo(tiny("tokenizer"));
        assertThat(next.workspace().documents()).isEmpty();

        next.modelSets().choose(ModelSets.FASHION_MNIST);
        assertThat(tokenizerPath(next)).isEqualTo(fashion("tokenizer"));
        assertThat(documentNames(next)).containsExactly("bag-0.png", "sandal-0.png", "trouser-0.png");
        assertThat(Files.readString(dir.resolve("preferences.properties"))).contains("modelSet=fashion-mnist");
    }

    @Test
    void aSetWithoutItsTokenizerIsSkippedAtStartAndRefusedWithItsSentence() throws Exception {
        checkpoints(assets().resolve("models"), "tokenizer", "prior-ar", "prior-maskgit");
        examples("bag-0.png");
        new Preferences(dir.resolve("preferences.properties")).put(Preferences.MODEL_SET, ModelSets.FASHION_MNIST);
        StudioViewModel vm = studio();
        vm.modelSets().openAtStart(assets());

        assertThat(vm.modelSets().activeProperty().get().id()).isEqualTo(ModelSets.TINY_IMAGENET);
        assertThat(tokenizerPath(vm)).isEqualTo(tiny("tokenizer"));
        assertThat(vm.workspace().documents()).isEmpty();
        assertThat(vm.modelSets().sets().get(0).available()).isFalse();
        assertThat(notices(vm)).anyMatch(t -> t.startsWith("The Fashion-MNIST set has no tokenizer, AR prior or MaskGIT prior: ")
                && t.contains(fashion("tokenizer").toAbsolutePath().normalize().toString())
                && t.endsWith("Opening Tiny ImageNet photos instead."));

        vm.modelSets().choose(ModelSets.FASHION_MNIST);
        assertThat(notices(vm)).anyMatch(t -> t.startsWith("Cannot switch to Fashion-MNIST: The Fashion-MNIST set has no tokenizer"));
        assertThat(vm.runner().notices().get(vm.runner().notices().size() - 1).level()).isEqualTo(Notice.Level.ERROR);
        assertThat(vm.modelSets().activeProperty().get().id()).isEqualTo(ModelSets.TINY_IMAGENET);
        assertThat(tokenizerPath(vm)).isEqualTo(tiny("tokenizer"));
        assertThat(vm.workspace().documents()).isEmpty();
    }

    @Test
    void aSetWithoutAPriorOpensWithoutOneAndLeavesNoOtherSetsPriorInItsPlace() throws Exception {
        checkpoints(assets().resolve("models"), "tokenizer", "prior-ar", "prior-maskgit");
        checkpoints(assets().resolve("fashion-mnist/models"), "tokenizer", "prior-ar");
        examples("bag-0.png");
        new Preferences(dir.resolve("preferences.properties")).put(Preferences.MODEL_SET, ModelSets.TINY_IMAGENET);
        StudioViewModel vm = studio();
        vm.modelSets().openAtStart(assets());
        assertThat(priorPath(vm, PriorKind.MASKGIT)).isEqualTo(tiny("prior-maskgit"));

        vm.modelSets().choose(ModelSets.FASHION_MNIST);
        assertThat(tokenizerPath(vm)).isEqualTo(fashion("tokenizer"));
        assertThat(priorPath(vm, PriorKind.AR)).isEqualTo(fashion("prior-ar"));
        assertThat(priorPath(vm, PriorKind.MASKGIT)).isNull();
        assertThat(notices(vm)).contains("The Fashion-MNIST set has no MaskGIT prior: a checkpoint folder with spec.json is "
                + "expected at " + fashion("prior-maskgit").toAbsolutePath().normalize() + ".");
        assertThat(documentNames(vm)).containsExactly("bag-0.png");
    }

    @Test
    void withNoSetAvailableTheStudioSaysHowToOpenAModel() {
        StudioViewModel vm = studio();
        vm.modelSets().openAtStart(dir.resolve("nowhere"));
        assertThat(vm.modelSets().activeProperty().get()).isNull();
        assertThat(vm.models().tokenizerProperty().get()).isNull();
        assertThat(notices(vm)).anyMatch(t -> t.startsWith("No embedded model set in") && t.contains("File > Open model..."));
    }
}
