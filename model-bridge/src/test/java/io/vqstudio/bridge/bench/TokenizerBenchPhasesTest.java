package io.vqstudio.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.family.Families;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The tokenizer bench splits a training step into encoder, quantizer, decoder, losses, backward and
 * optimizer, and encode and decode into the laps the model marks; the parts account for the row's
 * time, and the text prints them under the row.
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
        assertThat(r.toText()).containsPattern("train-step +2 .*\\n +encoder [0-9.]+ ms \\(\\d+%\\) quantizer .* optimizer [0-9.]+ ms");
    }

    @Test
    void encodeAndDecodeAreSplitIntoTheLapsTheModelMarks() {
        // Batch 10 runs in two slices on the CPU: each lap adds up over both.
        TokenizerBench.Result r = TokenizerBench.run(Families.tokenizerPreset("vit-tiny"), new int[] {10}, 3, 100,
                Progress.NONE);
        TokenizerBench.Row encode = r.rows().get(0), decode = r.rows().get(1);
        assertThat(encode.phase()).isEqualTo("encode");
        assertThat(encode.phaseSeconds()).containsOnlyKeys("encoder", "quantizer", "read-back");
        assertThat(decode.phaseSeconds()).containsOnlyKeys("lookup", "decoder", "pixels", "read-back");
        for (TokenizerBench.Row row : List.of(encode, decode)) {
            assertThat(row.phaseSeconds().values()).allMatch(s -> s > 0);
            double parts = row.phaseSeconds().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(parts / (row.batch() / row.imagesPerSecond())).isBetween(0.7, 1.3);
        }
        assertThat(r.toText()).containsPattern("decode +10 .*\\n +lookup [0-9.]+ ms \\(\\d+%\\) decoder .* read-back [0-9.]+ ms");
    }
}
