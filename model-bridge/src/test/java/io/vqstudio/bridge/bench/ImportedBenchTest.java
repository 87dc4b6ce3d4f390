package io.vqstudio.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The bench of an imported family measures encode and decode only, at the batches asked, with MFU
 * from the analytic count, and says that it left the training step out; every imported family's
 * published shapes are presets of the bench.
 */
class ImportedBenchTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @Test
    void anImportedModelIsBenchedForEncodeAndDecodeOnly() {
        TamingVqganSpec tiny = new TamingVqganSpec("tiny-taming", 32, 32, List.of(1, 2), 1, List.of(16), 32, 8, 64);
        TokenizerBench.Result r = TokenizerBench.runImported(tiny, new int[] {1, 2}, 1, 100, Progress.NONE);
        assertThat(r.rows()).extracting(TokenizerBench.Row::phase).containsExactly("encode", "decode", "encode", "decode");
        assertThat(r.rows()).extracting(TokenizerBench.Row::batch).containsExactly(1, 1, 2, 2);
        for (TokenizerBench.Row row : r.rows()) {
            double flops = row.phase().equals("encode") ? ImportedFlops.encode(tiny) : ImportedFlops.decode(tiny);
            assertThat(row.imagesPerSecond()).isPositive();
            assertThat(row.gflops()).isCloseTo(flops * row.imagesPerSecond() / 1e9, org.assertj.core.api.Assertions.within(1e-9 * row.gflops()));
            assertThat(row.mfu()).isCloseTo(row.gflops() / 100, org.assertj.core.api.Assertions.within(1e-12));
        }
        assertThat(r.family()).isEqualTo("taming VQGAN");
        assertThat(r.peakRssBytes()).isPositive();
        assertThat(r.toText()).contains("encode and decode only").doesNotContain("train-step");
    }

    @Test
    void everyImportedFamilyHasItsPublishedShapesAsPresets() {
        assertThat(Families.importedPresets()).containsKeys("vqgan_imagenet_f16_1024", "vqgan_imagenet_f16_16384",
                "vq_ds16_c2i", "vq_ds8_c2i", "imagenet_vitvq_small", "imagenet_vitvq_base");
        assertThat(Families.importedPresets().values()).allSatisfy(s -> {
            assertThat(Families.of(s).imported()).isTrue();
            assertThat(ImportedFlops.encode(s)).isPositive();          // counted, not refused
            assertThat(ImportedFlops.decode(s)).isPositive();
        });
        assertThat(Families.importedPresets().values().stream().map(s -> Families.of(s).name()).distinct())
                .hasSize(Families.imported().size());
    }
}
