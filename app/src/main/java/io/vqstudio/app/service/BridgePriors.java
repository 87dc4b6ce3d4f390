package io.vqstudio.app.service;

import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.RunPlan;
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

    StudioJob<PriorInfo> openPrior(Path checkpoint) {
        return BridgeJob.of(bridge.openPrior(checkpoint));
    }

    StudioJob<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec spec) {
        return BridgeJob.of(bridge.sample(kind, classId, count, spec));
    }

    StudioJob<List<Candidate>> resample(PriorKind kind, TokenGrid grid, boolean[] mask, int classId, int count,
                                        SamplingSpec spec) {
        return BridgeJob.of(bridge.resample(kind, grid, mask, classId, count, spec));
    }

    StudioJob<double[]> nllMap(PriorKind kind, TokenGrid grid) {
        return BridgeJob.of(bridge.nllMap(kind, grid));
    }

    /**
     * The stage-2 run the form asks for, through the run plan the command line's train-prior uses:
     * the preset's defaults with the form's steps and batch (intervals scaled to the run).
     */
    static RunPlan<PriorTrainSpec> plan(PriorTrainRequest r) {
        return RunPlan.prior(() -> PriorTrainSpec.defaults(r.tokens().toString(), r.kind(), r.preset()),
                RunPlan.Overrides.length(r.steps(), r.batchSize()));
    }

    /** Trains the form's prior; a resumed run continues with its saved spec (read on the engine thread). */
    StudioJob<TrainSummary> trainPrior(PriorTrainRequest r, Path runDir, boolean resume) {
        return BridgeJob.of(bridge.trainPrior(plan(r), runDir, resume));
    }
}
