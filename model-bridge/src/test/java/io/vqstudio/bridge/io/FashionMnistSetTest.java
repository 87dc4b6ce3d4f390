package io.vqstudio.bridge.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.TestBridge;
import io.vqstudio.bridge.api.ModelSets;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.api.UserFiles;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded Fashion-MNIST set (assets/fashion-mnist), the one the studio opens on first: its
 * tokenizer and both priors belong together, the priors know the ten classes by name, and the
 * tokenizer reconstructs the set's 20 example pictures (Fashion-MNIST test images, never trained
 * on) about as well as its model page says it does on the whole test set.
 */
class FashionMnistSetTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @Test
    void theTokenizerAndBothPriorsOpenTogetherAndTheExamplesComeBackSharp() throws Exception {
        ModelSets.ModelSet set = ModelSets.in(UserFiles.defaultAssets().orElseThrow()).stream()
                .filter(s -> s.id().equals(ModelSets.FASHION_MNIST)).findFirst().orElseThrow();
        assertThat(set.missing()).isEmpty();
        TokenizerInfo t = engine.bridge().openTokenizer(set.checkpoints().get(0)).result().get(60, TimeUnit.SECONDS);
        assertThat(t.gridSize()).isEqualTo(16);
        assertThat(t.codebookSize()).isEqualTo(256);
        for (Path prior : set.checkpoints().subList(1, 3)) {
            // Refused with "another tokenizer" if the priors were made for other codes.
            PriorInfo p = engine.bridge().openPrior(prior).result().get(60, TimeUnit.SECONDS);
            assertThat(p.tokenizerId()).isEqualTo(t.id());
            assertThat(p.classNames()).containsExactly("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
            assertThat(p.nullClass()).as("guidance needs the null class").isTrue();
        }

        List<Path> files;
        try (Stream<Path> s = Files.list(set.examples().orElseThrow())) {
            files = s.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        assertThat(files).hasSize(20);
        List<RgbImage> images = new java.util.ArrayList<>();
        for (Path f : files) {
            images.add(UserFiles.square(UserFiles.readImage(f).image(), 32));
        }
        List<TokenGrid> grids = engine.bridge().encode(images).result().get(60, TimeUnit.SECONDS);
        List<RgbImage> back = engine.bridge().decode(grids).result().get(60, TimeUnit.SECONDS);
        double psnr = 0;
        for (int i = 0; i < images.size(); i++) {
            psnr += UserFiles.psnr(images.get(i), back.get(i)) / images.size();
        }
        assertThat(psnr).isGreaterThan(27.0);
    }
}
