package io.vqstudio.app.service;

import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.TrainSummary;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything the studio asks of the engine, and the only way it reaches it. Production uses
 * {@link BridgeStudioService} over the model bridge's {@code VqBridge}; tests use a fake. Every call
 * returns at once with a {@link StudioJob}; the work runs on the engine thread, one job at a time.
 */
public interface StudioService extends AutoCloseable {

    /** The device the engine runs on, for the status bar (e.g. "cpu, 2 threads"). */
    String device();

    /**
     * What a checkpoint holds ("tokenizer" or "prior"), read from its spec without loading it; for a
     * model file of another project, what its family is (a LlamaGen GPT file holds a prior).
     *
     * @throws java.io.IOException naming the path when it is not a VQ Studio checkpoint
     */
    String checkpointKind(Path checkpoint) throws java.io.IOException;

    /**
     * The imported family (a tokenizer's: {@code taming-vqgan}, {@code llamagen-vq}, {@code enhancing-vitvq};
     * or a prior's: {@code llamagen-gpt}, {@code taming-gpt}) whose
     * weights a model file from another project holds ({@code .ckpt}, {@code .pt}, {@code .pth},
     * {@code .bin}, {@code .safetensors}), read from its keys without loading it; null when
     * {@code path} is not such a file (a checkpoint folder of ours, its spec.json).
     *
     * @throws java.io.IOException in one sentence naming the file when it is such a file but unreadable,
     *                             refused, or of no family the studio imports
     */
    String importedFamily(Path path) throws java.io.IOException;

    /**
     * Opens a tokenizer checkpoint, or converts a model file from another project in memory, and
     * makes it the active one.
     */
    StudioJob<TokenizerInfo> openTokenizer(Path checkpoint);

    /**
     * Opens a prior checkpoint, or converts a prior file of another project in memory against the open
     * tokenizer, as the active prior of its kind; fails with a message a user understands when it was
     * made for another tokenizer than the active one (or its codes and grid do not fit it).
     */
    StudioJob<PriorInfo> openPrior(Path checkpoint);

    /** Images to token grids with the active tokenizer (centre-cropped and resized to its resolution). */
    StudioJob<List<TokenGrid>> encode(List<RgbImage> images);

    /** Token grids to images with the active tokenizer. */
    StudioJob<List<RgbImage>> decode(List<TokenGrid> grids);

    /** {@code count} grids from the prior of {@code kind}, of class {@code classId} (-1 = unconditional). */
    StudioJob<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec spec);

    /**
     * Redraws the cells where {@code mask} is true, conditioned on class {@code classId} (-1 = unconditional,
     * which a prior without a null class refuses); {@code count} candidates, most likely first.
     */
    StudioJob<List<Candidate>> resample(PriorKind kind, TokenGrid grid, boolean[] mask, int classId, int count,
                                        SamplingSpec spec);

    /** Per-cell negative log-likelihood (nats) of {@code grid} under the prior of {@code kind}. */
    StudioJob<double[]> nllMap(PriorKind kind, TokenGrid grid);

    /**
     * Trains the tokenizer run {@code plan} describes into {@code runDir}; with {@code resume}, the run's
     * saved spec (read on the engine thread) continues, the plan's spec only when it has none.
     */
    StudioJob<TrainSummary> trainTokenizer(RunPlan<TokenizerTrainSpec> plan, Path runDir, boolean resume);

    StudioJob<TrainSummary> trainPrior(PriorTrainRequest request, Path runDir, boolean resume);

    @Override
    void close();
}
