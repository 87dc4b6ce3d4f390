package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vqstudio.bridge.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A schedule from a hand-edited train.json or the studio is checked as the CLI's options are. */
class OptimSpecTest {

    @TempDir
    Path tmp;

    @Test
    void nonFiniteOrNegativeSettingsAreRefusedNamingTheField() {
        OptimSpec d = OptimSpec.defaults();
        assertThatThrownBy(() -> d.withLr(Float.NaN, 1e-5f)).hasMessageStartingWith("lr = NaN is out of range");
        assertThatThrownBy(() -> d.withLr(-1f, 1e-5f)).hasMessageStartingWith("lr = -1.0 is out of range");
        assertThatThrownBy(() -> d.withLr(1e-4f, Float.POSITIVE_INFINITY)).hasMessageStartingWith("minLr = Infinity");
        assertThatThrownBy(() -> d.withWarmup(-5)).hasMessage("warmupSteps = -5 is negative");
        assertThat(d.withLr(2e-4f, 0f).minLr()).isZero();
    }

    @Test
    void aTrainJsonWithANanLearningRateIsRefusedNamingTheFile() throws Exception {
        Path f = tmp.resolve("optim.json");
        Files.writeString(f, Json.GSON.toJson(OptimSpec.defaults()).replace("\"lr\": 1.0E-4", "\"lr\": NaN"));
        assertThatThrownBy(() -> Json.read(f, OptimSpec.class)).hasMessageContaining(f.toString()).hasMessageContaining("lr = NaN");
    }
}
