package io.vqstudio.bridge.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.api.ModelSets.ModelSet;
import io.vqstudio.bridge.io.DefaultModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSetsTest {

    @TempDir
    Path assets;

    private void checkpoint(Path dir) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("spec.json"), "{}");
    }

    private ModelSet set(String id) {
        return ModelSets.in(assets).stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void bothSetsAreFoundWithTheirCheckpointsAndExamples() throws Exception {
        for (String n : ModelSets.CHECKPOINTS) {
            checkpoint(assets.resolve("fashion-mnist/models").resolve(n));
            checkpoint(assets.resolve("models").resolve(n));
        }
        Path examples = Files.createDirectories(assets.resolve("fashion-mnist/examples"));
        Files.write(examples.resolve("trouser-0.png"), new byte[] {1});
        Files.write(examples.resolve("bag-0.png"), new byte[] {1});
        Files.writeString(examples.resolve("SOURCE.md"), "# where they come from");
        Files.write(examples.resolve(".hidden.png"), new byte[] {1});

        List<ModelSet> sets = ModelSets.in(assets);
        assertThat(sets).extracting(ModelSet::id).containsExactly(ModelSets.FASHION_MNIST, ModelSets.TINY_IMAGENET);
        assertThat(sets).extracting(ModelSet::name).containsExactly("Fashion-MNIST", "Tiny ImageNet photos");
        ModelSet fashion = sets.get(0);
        assertThat(fashion.available()).isTrue();
        assertThat(fashion.missingSentence()).isEmpty();
        assertThat(fashion.checkpoints()).containsExactly(assets.resolve("fashion-mnist/models/tokenizer"),
                assets.resolve("fashion-mnist/models/prior-ar"), assets.resolve("fashion-mnist/models/prior-maskgit"));
        assertThat(fashion.exampleImages()).containsExactly(examples.resolve("bag-0.png"), examples.resolve("trouser-0.png"));

        ModelSet tiny = sets.get(1);
        assertThat(tiny.checkpoints()).first().isEqualTo(assets.resolve("models/tokenizer"));
        assertThat(tiny.examples()).isEmpty();
        assertThat(tiny.exampleImages()).isEmpty();
    }

    @Test
    void aSetWithoutModelsIsUnavailableAndSaysWhereTheyGo() throws Exception {
        ModelSet fashion = set(ModelSets.FASHION_MNIST);
        assertThat(fashion.available()).isFalse();
        assertThat(fashion.checkpoints()).isEmpty();
        Path models = assets.resolve("fashion-mnist/models").toAbsolutePath().normalize();
        assertThat(fashion.missingSentence()).hasValue("The Fashion-MNIST set has no tokenizer, AR prior or MaskGIT prior: "
                + "checkpoint folders with spec.json are expected at " + models.resolve("tokenizer") + ", "
                + models.resolve("prior-ar") + " and " + models.resolve("prior-maskgit") + ".");

        // A folder without its spec.json is not a checkpoint yet.
        Files.createDirectories(models.resolve("tokenizer"));
        assertThat(set(ModelSets.FASHION_MNIST).available()).isFalse();
    }

    @Test
    void aTokenizerAloneMakesASetAvailableAndNamesTheMissingPrior() throws Exception {
        checkpoint(assets.resolve("fashion-mnist/models/tokenizer"));
        checkpoint(assets.resolve("fashion-mnist/models/prior-ar"));
        ModelSet fashion = set(ModelSets.FASHION_MNIST);
        assertThat(fashion.available()).isTrue();
        assertThat(fashion.missing()).containsExactly("prior-maskgit");
        assertThat(fashion.missingSentence()).hasValue("The Fashion-MNIST set has no MaskGIT prior: a checkpoint folder "
                + "with spec.json is expected at " + assets.resolve("fashion-mnist/models/prior-maskgit").toAbsolutePath().normalize() + ".");
    }

    @Test
    void theFirstSetIsTheRememberedOneWhenAvailableElseFashionMnistElseTinyImageNet() throws Exception {
        assertThat(ModelSets.first(ModelSets.in(assets), null)).isEmpty();

        checkpoint(assets.resolve("models/tokenizer"));
        assertThat(ModelSets.first(ModelSets.in(assets), ModelSets.FASHION_MNIST)).map(ModelSet::id).hasValue(ModelSets.TINY_IMAGENET);

        checkpoint(assets.resolve("fashion-mnist/models/tokenizer"));
        assertThat(ModelSets.first(ModelSets.in(assets), null)).map(ModelSet::id).hasValue(ModelSets.FASHION_MNIST);
        assertThat(ModelSets.first(ModelSets.in(assets), "no-such-set")).map(ModelSet::id).hasValue(ModelSets.FASHION_MNIST);
        assertThat(ModelSets.first(ModelSets.in(assets), ModelSets.TINY_IMAGENET)).map(ModelSet::id).hasValue(ModelSets.TINY_IMAGENET);
    }

    /** The repository's own Fashion-MNIST examples: twenty 28x28 test pictures, two per class, with their source. */
    @Test
    void theShippedExamplesAreTwentyReadablePicturesWithTheirSource() throws Exception {
        ModelSet fashion = ModelSets.in(DefaultModels.assets().orElseThrow()).get(0);
        List<Path> examples = fashion.exampleImages();
        assertThat(examples).hasSize(20);
        assertThat(examples.stream().map(p -> p.getFileName().toString().replaceAll("-[01]\\.png$", "")).distinct())
                .containsExactlyInAnyOrder("tshirt-top", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
                        "sneaker", "bag", "ankle-boot");
        for (Path p : examples) {
            UserFiles.Picture pic = UserFiles.readImage(p);
            assertThat(pic.fileWidth()).as(p.toString()).isEqualTo(28);
            assertThat(pic.fileHeight()).as(p.toString()).isEqualTo(28);
        }
        String source = Files.readString(fashion.examples().orElseThrow().resolve("SOURCE.md"));
        assertThat(source).contains("Fashion-MNIST", "Xiao", "Zalando", "MIT", "t10k-images-idx3-ubyte.gz");
    }
}
