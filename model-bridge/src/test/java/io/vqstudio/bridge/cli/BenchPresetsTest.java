package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.family.Families;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code bench tokenizer --list} names every preset with its family, the imported families'
 * published shapes included; an unknown preset is one line naming both lists. Neither starts the engine.
 */
class BenchPresetsTest {

    @Test
    void listNamesEveryPresetWithItsFamily() {
        CliHarness.Result r = CliHarness.run("bench", "tokenizer", "--list");
        assertThat(r.code()).isZero();
        List<String> lines = Arrays.asList(r.out().split("\n"));
        Families.tokenizerPresets().forEach((name, s) -> assertThat(lines).anySatisfy(l ->
                assertThat(l).startsWith(name + " ").contains(Families.of(s).title()).doesNotContain("imported")));
        Families.importedPresets().forEach((name, s) -> assertThat(lines).anySatisfy(l ->
                assertThat(l).startsWith(name + " ").contains(Families.of(s).title())
                        .contains(s.resolution() + " px -> " + s.gridSize() + "x" + s.gridSize())
                        .contains("encode and decode only")));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("vq_ds8_c2i ").contains("LlamaGen VQ").contains("32x32"));
    }

    @Test
    void anUnknownPresetIsOneLineNamingOursAndTheImported() {
        CliHarness.Result r = CliHarness.run("bench", "tokenizer", "--preset", "vq_ds99", "--threads", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip().split("\n")).hasSize(1);
        assertThat(r.err()).contains("vq_ds99").contains("vit-cpu").contains("vq_ds16_c2i").contains("imagenet_vitvq_small")
                .doesNotContain("Exception");
    }
}
