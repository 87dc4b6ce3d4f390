package io.vqstudio.bridge.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.family.Families;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run plan's rules: the learning-rate floor, intervals by length, what a resumed run keeps. */
class RunPlanTest {

    @TempDir
    Path tmp;

    private static TokenizerTrainSpec base() {
        return TokenizerTrainSpec.defaults(Families.tokenizerPreset("vit-tiny"), "data");
    }

    @Test
    void aPeakGivenAloneKeepsTheSchedulesFloorToPeakRatio() throws Exception {
        RunPlan.Overrides lr = new RunPlan.Overrides(null, null, 4e-4f, null, null, null);
        assertThat(RunPlan.tokenizer(RunPlanTest::base, lr).newRun().optim().minLr()).isEqualTo(2e-4f);
        PriorTrainSpec prior = RunPlan.prior(() -> PriorTrainSpec.defaults("t.vqt", PriorKind.AR, "ar-tiny"), lr).newRun();
        assertThat((double) prior.optim().minLr()).isCloseTo(8e-5, org.assertj.core.data.Offset.offset(1e-9));
        RunPlan.Overrides both = new RunPlan.Overrides(null, null, 4e-4f, 1e-5f, null, null);
        assertThat(RunPlan.tokenizer(RunPlanTest::base, both).newRun().optim().minLr()).isEqualTo(1e-5f);
    }

    @Test
    void intervalsScaleWithAGivenLengthBetweenTheStudiosAndTheLongRunDefaults() throws Exception {
        TokenizerTrainSpec longRun = RunPlan.tokenizer(RunPlanTest::base, RunPlan.Overrides.length(100_000, 16)).newRun();
        TokenizerTrainSpec d = base();
        assertThat(new int[] {longRun.logEvery(), longRun.evalEvery(), longRun.checkpointEvery(), longRun.previewEvery(),
                longRun.evalImages()}).containsExactly(d.logEvery(), d.evalEvery(), d.checkpointEvery(), d.previewEvery(),
                d.evalImages());
        TokenizerTrainSpec studio = RunPlan.tokenizer(RunPlanTest::base, RunPlan.Overrides.length(2000, 16)).newRun();
        assertThat(new int[] {studio.logEvery(), studio.evalEvery(), studio.checkpointEvery(), studio.previewEvery(),
                studio.evalImages()}).containsExactly(10, 100, 100, 100, 64);
        assertThat(RunPlan.tokenizer(RunPlanTest::base, RunPlan.Overrides.NONE).newRun()).isEqualTo(base());
    }

    @Test
    void aResumedRunKeepsItsSavedSpecAndIntervalsTakingOnlyTheSettingsGivenAgain() throws Exception {
        TokenizerTrainSpec saved = base().withIntervals(7, 70, 35, 35, 9).withSteps(100);
        new RunDir(tmp).writeTrainSpec(saved);
        RunPlan<TokenizerTrainSpec> plan = RunPlan.tokenizer(() -> {
            throw new AssertionError("a resumed run with a saved spec never builds a new one");
        }, new RunPlan.Overrides(5000L, null, null, null, 3, null));
        TokenizerTrainSpec resumed = plan.resolve(tmp, true);
        assertThat(resumed).isEqualTo(saved.withSteps(5000).withOptim(saved.optim().withWarmup(3)));
        // No saved spec yet: the new run's, so the trainer can say there is nothing to resume.
        assertThat(RunPlan.tokenizer(RunPlanTest::base, RunPlan.Overrides.NONE).resolve(tmp.resolve("empty"), true))
                .isEqualTo(base());
    }
}
