package io.vqstudio.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.family.Families;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tokenizer bench splits a training step into encoder, quantizer, decoder, losses, backward and
 * optimizer; the parts account for the step's time, and the text prints them under the step's row.
 */
class TokenizerBenchPhasesTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass();

    @Test
    void aTrainingStepIsSplitIntoItsPhases() {
        TokenizerBench.Result r = TokenizerBench.run(Families.tokenizerPreset("vit-tiny"), new int[] {2}, 3, 100,
                Progress.NONE);
        TokenizerBench.Row step = r.rows().stream().filter(row -> row.phase().equals("train-step")).findFirst().orElseThrow();
        assertThat(step.phaseSeconds()).containsOnlyKeys("encoder", "quantizer", "decoder", "losses", "backward", "optimizer");
        assertThat(step.phaseSeconds().values()).allMatch(s -> s > 0);
        double parts = step.phaseSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
        double total = step.batch() / step.imagesPerSecond();
        // Medians of parts need not add up to the median step exactly, but they cover it.
        assertThat(parts / total).isBetween(0.7, 1.3);
        assertThat(r.rows()).filteredOn(row -> !row.phase().equals("train-step")).allMatch(row -> row.phaseSeconds().isEmpty());
        assertThat(r.toText()).containsPattern("train-step +2 .*\\n +encoder [0-9.]+ ms \\(\\d+%\\) quantizer .* optimizer [0-9.]+ ms");
    }
}
