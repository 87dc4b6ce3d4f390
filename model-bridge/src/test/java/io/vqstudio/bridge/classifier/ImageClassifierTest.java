package io.vqstudio.bridge.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The classifier's shapes, its loss, its checkpoint round trip, its spec's bounds and how classes are matched. */
class ImageClassifierTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(3).withoutGradients();

    @TempDir
    Path tmp;

    @Test
    void presetsPoolDownToAboutFourPixelsAndNameABadField() {
        assertThat(ClassifierSpec.forData(32, 10, 32).widths()).containsExactly(32, 64, 128, 256);
        assertThat(ClassifierSpec.forData(64, 20, 32).widths()).containsExactly(32, 64, 128, 256, 256);
        assertThat(ClassifierSpec.forData(28, 10, 16).lastSide()).isEqualTo(7);
        assertThatThrownBy(() -> SpecJson.read(Json.GSON.toJsonTree(new java.util.HashMap<>(java.util.Map.of(
                "name", "x", "resolution", 32, "widths", List.of(32, 30), "groups", 4, "classes", 10))), ClassifierSpec.class))
                .isInstanceOf(SpecException.class).hasMessage("widths[1] = 30 does not split into 4 groups");
    }

    @Test
    void featuresAndLogitsHaveTheirShapesAndUniformLogitsCostLnK() {
        NDManager m = engine.manager();
        ImageClassifier c = new ImageClassifier(m, ClassifierSpec.forData(16, 5, 8));
        NDArray x = m.randomUniform(-1, 1, new Shape(3, 3, 16, 16));
        assertThat(c.features(x).getShape()).isEqualTo(new Shape(3, 32)); // stages of 16, 8 and 4 px: 8, 16, 32 channels
        assertThat(c.logits(x).getShape()).isEqualTo(new Shape(3, 5));
        // Equal logits: -log(1/K) for every image, whatever the labels.
        assertThat(ImageClassifier.crossEntropy(m.zeros(new Shape(3, 5)), new int[] {0, 4, 2}).getFloat())
                .isCloseTo((float) Math.log(5), within(1e-6f));
        // A confident right answer (-log p about 0) and a confident wrong one (about 20): a mean of 10.
        NDArray logits = m.create(new float[] {20, 0, 0, 0, 0, 20, 0, 0, 0, 0}, new Shape(2, 5));
        assertThat(ImageClassifier.crossEntropy(logits, new int[] {0, 1}).getFloat()).isCloseTo(10f, within(1e-4f));
    }

    @Test
    void aSavedClassifierLoadsWithItsNamesAndGivesTheSameLogits() throws Exception {
        NDManager m = engine.manager();
        ImageClassifier c = ClassifierStore.build(m, ClassifierSpec.forData(16, 3, 8));
        Path dir = Files.createDirectories(tmp.resolve("c"));
        ClassifierStore.writeInto(dir, c, PatternImages.CLASSES, 7, "card");
        NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, 16, 16));
        try (NDManager other = NDManager.newBaseManager()) {
            ClassifierStore.Loaded back = ClassifierStore.load(dir, other);
            assertThat(back.classNames()).isEqualTo(PatternImages.CLASSES);
            assertThat(back.header().step()).isEqualTo(7);
            assertThat(back.classifier().logits(x).toFloatArray()).containsExactly(c.logits(x).toFloatArray());
        }
        // Class names that do not fit the spec are refused in a line naming the file.
        Files.writeString(dir.resolve(ClassifierStore.CLASSES), "[\"a\", \"b\"]");
        assertThatThrownBy(() -> ClassifierStore.load(dir, m)).hasMessage(dir.resolve(ClassifierStore.CLASSES)
                + " names 2 classes, but the classifier's spec.json has 3");
        Files.delete(dir.resolve(ClassifierStore.CLASSES));
        assertThatThrownBy(() -> ClassifierStore.load(dir, m)).hasMessageStartingWith(dir.resolve(ClassifierStore.CLASSES)
                + " is missing");
        assertThat(CheckpointDir.readCard(dir)).isEqualTo("card");
    }

    @Test
    void classesMatchByNameThenById() {
        Path c = Path.of("clf");
        ClassMatch byName = ClassMatch.of(List.of("Vertical", "dog", "centre "), 3, PatternImages.CLASSES, "prior p", c);
        assertThat(byName.byName()).isTrue();
        assertThat(byName.toClassifier()).containsExactly(2, -1, 0);
        assertThat(byName.notice()).isEqualTo("1 of 3 classes have no counterpart by name in the classifier and are left "
                + "out of the scores: ['dog']");
        ClassMatch byId = ClassMatch.of(List.of(), 4, PatternImages.CLASSES, "prior p", c);
        assertThat(byId.byName()).isFalse();
        assertThat(byId.toClassifier()).containsExactly(0, 1, 2, -1);
        assertThatThrownBy(() -> ClassMatch.of(List.of("cat", "dog"), 2, PatternImages.CLASSES, "the prior at p", c))
                .hasMessage("clf classifies ['centre', 'horizontal', 'vertical'], but none of the 2 classes of the prior "
                        + "at p (['cat', 'dog']) is one of them by name");
    }
}
