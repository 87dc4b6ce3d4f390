package io.vqstudio.app.service;

import io.vqstudio.bridge.api.ForeignModels;
import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.TrainSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The production {@link StudioService}: every call goes to the model bridge's {@link VqBridge},
 * whose engine thread owns the models. Prior calls go through {@link BridgePriors}.
 */
public final class BridgeStudioService implements StudioService {

    private final VqBridge bridge;
    private final BridgePriors priors;

    public BridgeStudioService(VqBridge bridge) {
        this.bridge = bridge;
        this.priors = new BridgePriors(bridge);
    }

    /** Starts the engine with the default runtime (all cores or {@code -Dvq.threads}, device auto). */
    public static BridgeStudioService start() {
        return new BridgeStudioService(VqBridge.start(RuntimeSpec.defaults()));
    }

    @Override
    public String device() {
        return bridge.describeDevice();
    }

    @Override
    public String checkpointKind(Path checkpoint) throws IOException {
        return VqBridge.checkpointKind(checkpoint);
    }

    @Override
    public String importedFamily(Path path) throws IOException {
        return ForeignModels.isTorchFile(path) ? ForeignModels.familyOf(path) : null;
    }

    @Override
    public StudioJob<TokenizerInfo> openTokenizer(Path checkpoint) {
        return BridgeJob.of(bridge.openTokenizer(checkpoint));
    }

    @Override
    public StudioJob<PriorInfo> openPrior(Path checkpoint) {
        return priors.openPrior(checkpoint);
    }

    @Override
    public StudioJob<List<TokenGrid>> encode(List<RgbImage> images) {
        return BridgeJob.of(bridge.encode(images));
    }

    @Override
    public StudioJob<List<RgbImage>> decode(List<TokenGrid> grids) {
        return BridgeJob.of(bridge.decode(grids));
    }

    @Override
    public StudioJob<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec spec) {
        return priors.sample(kind, classId, count, spec);
    }

    @Override
    public StudioJob<List<Candidate>> resample(PriorKind kind, TokenGrid grid, boolean[] mask, int classId, int count,
                                               SamplingSpec spec) {
        return priors.resample(kind, grid, mask, classId, count, spec);
    }

    @Override
    public StudioJob<double[]> nllMap(PriorKind kind, TokenGrid grid) {
        return priors.nllMap(kind, grid);
    }

    @Override
    public StudioJob<TrainSummary> trainTokenizer(RunPlan<TokenizerTrainSpec> plan, Path runDir, boolean resume) {
        return BridgeJob.of(bridge.trainTokenizer(plan, runDir, resume));
    }

    @Override
    public StudioJob<TrainSummary> trainPrior(PriorTrainRequest request, Path runDir, boolean resume) {
        return priors.trainPrior(request, runDir, resume);
    }

    @Override
    public void close() {
        bridge.close();
    }
}
