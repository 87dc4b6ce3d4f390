package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.train.BlockImages;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSubsetTest {

    @TempDir
    Path tmp;

    @Test
    void aClassSubsetKeepsOnlyItsImagesRelabelledInTheGivenOrder() throws Exception {
        BlockImages.write(tmp, 10, 8, 1);                               // classes a (5 images) and b (5 images)
        try (ImageDataset all = ImageDataset.open(DataSpec.defaults(tmp).withValidationFraction(0));
             ImageDataset onlyB = ImageDataset.open(DataSpec.defaults(tmp).withValidationFraction(0)
                     .withClasses(List.of("b")))) {
            assertThat(all.classes()).containsExactly("a", "b");
            assertThat(onlyB.classes()).containsExactly("b");
            assertThat(onlyB.train()).hasSize(5).allMatch(e -> e.label() == 0 && e.name().startsWith("b/"));
        }
        assertThatThrownBy(() -> ImageDataset.open(DataSpec.defaults(tmp).withClasses(List.of("zebra"))))
                .hasMessageContaining("No class 'zebra'");
    }
}
