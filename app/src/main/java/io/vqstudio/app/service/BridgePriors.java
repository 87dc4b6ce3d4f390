package io.vqstudio.app.service;

import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.TrainSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * The stage-2 half of {@link BridgeStudioService}: opening priors, sampling, resampling, the
 * likelihood map and prior training, each a bridge job.
 */
final class BridgePriors {

    private final VqBridge bridge;

    BridgePriors(VqBridge bridge) {
        this.bridge = bridge;
    }

    boolean available() {
        return true;
    }

    StudioJob<PriorInfo> openPrior(Path checkpoint) {
        return BridgeJob.of(bridge.openPrior(checkpoint));
    }

    StudioJob<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec spec) {
        return BridgeJob.of(bridge.sample(kind, classId, count, spec));
    }

    StudioJob<List<Candidate>> resample(PriorKind kind, TokenGrid grid, boolean[] mask, int count, SamplingSpec spec) {
        return BridgeJob.of(bridge.resample(kind, grid, mask, count, spec));
    }

    StudioJob<double[]> nllMap(PriorKind kind, TokenGrid grid) {
        return BridgeJob.of(bridge.nllMap(kind, grid));
    }

    /** The bridge's defaults for the preset, with the form's steps and batch and intervals scaled to the run. */
    StudioJob<TrainSummary> trainPrior(PriorTrainRequest r, Path runDir, boolean resume) {
        int eval = (int) Math.max(10, r.steps() / 20);
        PriorTrainSpec spec = PriorTrainSpec.defaults(r.tokens().toString(), r.kind(), r.preset())
                .withSteps(r.steps()).withBatchSize(r.batchSize())
                .withIntervals((int) Math.max(1, r.steps() / 200), eval, eval, 256);
        PriorTrainSpec run = resume ? RunRecord.resumedSpec(runDir, PriorTrainSpec.class, spec) : spec;
        return BridgeJob.of(bridge.trainPrior(run, runDir, resume));
    }
}
