package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.Candidate;
import ai.djl.engine.Engine;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.DatasetReport;
import io.vqstudio.bridge.data.ImageSource;
import io.vqstudio.bridge.data.ImageSources;
import io.vqstudio.bridge.family.ModelImport;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.prior.LinearProbe;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.train.Tokenize;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.train.PriorEvaluator;
import io.vqstudio.bridge.train.PriorTrainSpec;
import io.vqstudio.bridge.train.PriorTrainer;
import io.vqstudio.bridge.train.RunDir;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.EvalResult;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.TokenizerTrainer;
import io.vqstudio.bridge.train.TrainListener;
import io.vqstudio.bridge.train.TrainSummary;
import java.nio.file.Path;
import java.util.List;
import io.vqstudio.bridge.runtime.GemmBenchmark;
import io.vqstudio.bridge.runtime.RuntimeSpec;

/**
 * The facade the app and the CLI call: specs in, {@link Job}s out. It owns the engine thread;
 * everything that touches a model or an NDArray runs there, one job at a time.
 */
public final class VqBridge implements AutoCloseable {

    private final EngineRuntime runtime;
    private final EngineThread engine;
    private final Models models = new Models();

    private VqBridge(EngineRuntime runtime) {
        this.runtime = runtime;
        this.engine = new EngineThread(runtime::describeDevice);
    }

    /** Loads the engine offline with the given threads and device. */
    public static VqBridge start(RuntimeSpec spec) {
        return new VqBridge(EngineRuntime.start(spec));
    }

    public EngineRuntime runtime() {
        return runtime;
    }

    /** Queues arbitrary work on the engine thread (the building block of every other call). */
    public <R> Job<R> submit(String name, Work<R> work) {
        return engine.submit(name, work);
    }

    /** Versions, device and threads; with {@code measureGemm}, also the fp32 GEMM ceiling. */
    public Job<EngineInfo> info(boolean measureGemm) {
        return submit("info", ctx -> {
            double gflops = -1;
            if (measureGemm) {
                ctx.progress(0, 1, "gemm", "measuring fp32 GEMM");
                gflops = GemmBenchmark.measureGflops(runtime.device(), 1024, 5);
                ctx.progress(1, 1, "gemm", "done");
            }
            return new EngineInfo(version(), EngineRuntime.djlVersion(), runtime.engineVersion(),
                    runtime.describeDevice(), runtime.spec().threads(), Engine.getEngine("PyTorch").getGpuCount(),
                    runtime.gpu().map(g -> g.name()).orElse(null),
                    runtime.gpu().map(g -> g.totalMemoryBytes()).orElse(null), runtime.notice(),
                    System.getProperty("java.version"),
                    System.getProperty("os.name") + " " + System.getProperty("os.arch"), gflops);
        });
    }

    /** Scans a dataset (folder, zip or IDX): images per class, resolutions, unreadable files. */
    public Job<DatasetReport> datasetInfo(Path path, int threads) {
        return submit("dataset-info", ctx -> {
            try (ImageSource source = ImageSources.open(path)) {
                return DatasetReport.scan(source, threads, ctx);
            }
        });
    }

    /** Opens a tokenizer checkpoint and makes it the active one. */
    public Job<TokenizerInfo> openTokenizer(Path path) {
        return submit("open tokenizer", ctx -> models.openTokenizer(path, ctx));
    }

    /** Images -> token grids with the active tokenizer (each centre-cropped and resized to its resolution). */
    public Job<List<TokenGrid>> encode(List<RgbImage> images) {
        return submit("encode", ctx -> TokenizerOps.encode(models.tokenizer(), images));
    }

    /** Token grids -> images with the active tokenizer. */
    public Job<List<RgbImage>> decode(List<TokenGrid> grids) {
        return submit("decode", ctx -> TokenizerOps.decode(models.tokenizer(), grids));
    }

    /**
     * Trains a tokenizer into {@code runDir}; with {@code resume}, continues from its last checkpoint.
     * A new run refuses a directory that holds a run already ({@code RunDir#requireNoRun}).
     */
    public Job<TrainSummary> trainTokenizer(TokenizerTrainSpec spec, Path runDir, boolean resume) {
        return submit("train tokenizer", ctx -> new TokenizerTrainer(spec, runDir, ctx, events(ctx)).train(resume));
    }

    /**
     * Trains the tokenizer run {@code plan} describes into {@code runDir}: with {@code resume}, its saved
     * spec (read on the engine thread) with the plan's settings; else the plan's new run.
     */
    public Job<TrainSummary> trainTokenizer(RunPlan<TokenizerTrainSpec> plan, Path runDir, boolean resume) {
        return submit("train tokenizer", ctx -> new TokenizerTrainer(plan.resolve(runDir, resume), runDir, ctx,
                events(ctx)).train(resume));
    }

    /** Evaluates a tokenizer checkpoint on the held-out part of a dataset. */
    public Job<EvalResult> evaluateTokenizer(Path model, DataSpec data, int limit, Path perceptual) {
        return submit("evaluate tokenizer", ctx -> TokenizerOps.evaluate(model, data, limit, perceptual, ctx));
    }

    /** Held-out images of {@code data} (top row) over their reconstructions by each of {@code models}, one row each. */
    public Job<RgbImage> reconstructionSheet(List<Path> models, DataSpec data, int columns) {
        return submit("reconstruction sheet", ctx -> TokenizerOps.reconstructionSheet(models, data, columns));
    }

    /** Opens a prior checkpoint into the slot of its kind (AR or MaskGIT); refuses one made for another tokenizer. */
    public Job<PriorInfo> openPrior(Path checkpoint) {
        return submit("open prior", ctx -> models.openPrior(checkpoint, ctx));
    }

    /** Samples {@code count} grids from the open prior of {@code kind}; class -1 = unconditional. Emits previews. */
    public Job<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec s) {
        return submit("sample", ctx -> PriorOps.sample(models, kind, classId, count, s, ctx));
    }

    /** Resamples the cells where {@code mask} is true, {@code count} candidates, best-ranked first. */
    public Job<List<Candidate>> resample(PriorKind kind, TokenGrid grid, boolean[] mask, int classId, int count,
                                         SamplingSpec s) {
        return submit("resample", ctx -> PriorOps.resample(models, kind, grid, mask, classId, count, s, ctx));
    }

    /** Per-cell negative log-likelihood (nats) of a grid under the open prior of {@code kind}, unconditional. */
    public Job<double[]> nllMap(PriorKind kind, TokenGrid grid) {
        return submit("likelihood map", ctx -> PriorOps.nllMap(models, kind, grid, -1));
    }

    /** Encodes a dataset into a token file with a tokenizer checkpoint (resumable). */
    public Job<TokenFile.Header> tokenize(Path tokenizer, DataSpec data, Path out) {
        return submit("tokenize", ctx -> Tokenize.run(tokenizer, data, out, ctx));
    }

    /**
     * Trains a prior into {@code runDir}; with {@code resume}, continues from its last checkpoint; a
     * new run refuses a directory that holds a run already ({@code RunDir#requireNoRun}).
     * When {@code spec.tokens()} names images (a folder, zip or IDX files) rather than a token file,
     * they are first tokenized with the open tokenizer into {@code runDir/tokens.vqt} (resumable).
     */
    public Job<TrainSummary> trainPrior(PriorTrainSpec spec, Path runDir, boolean resume) {
        return trainPrior(() -> spec, runDir, resume);
    }

    /** {@link #trainPrior(PriorTrainSpec, Path, boolean)} with the spec {@code plan} resolves on the engine thread. */
    public Job<TrainSummary> trainPrior(RunPlan<PriorTrainSpec> plan, Path runDir, boolean resume) {
        return trainPrior(() -> plan.resolve(runDir, resume), runDir, resume);
    }

    private Job<TrainSummary> trainPrior(RunPlan.NewRun<PriorTrainSpec> specOf, Path runDir, boolean resume) {
        return submit("train prior", ctx -> {
            PriorTrainSpec spec = specOf.spec();
            if (!resume) {
                new RunDir(runDir).requireNoRun(); // before the tokens are written into it
            }
            PriorTrainSpec s = spec;
            if (!TokenFile.isTokenFile(Path.of(spec.tokens()))) {
                TokenizerInfo t = models.tokenizerInfo();
                if (t == null) {
                    throw new IllegalStateException("Open a tokenizer first: the prior learns its codes of "
                            + spec.tokens() + ".");
                }
                Path tokens = new RunDir(runDir).tokensFile();
                java.nio.file.Files.createDirectories(runDir);
                Tokenize.run(t.path(), DataSpec.defaults(Path.of(spec.tokens())), tokens, ctx);
                s = s.withTokens(tokens.toString());
            }
            return new PriorTrainer(s, runDir, ctx, events(ctx)).train(resume);
        });
    }

    /** The paper's linear probe: per-layer accuracy of a logistic regression on the prior's averaged features. */
    public Job<List<LinearProbe.LayerResult>> probe(Path prior, Path tokens, List<Integer> layers, int limitPerSplit) {
        return submit("linear probe", ctx -> {
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(EngineRuntime.get().device())) {
                TokenFile.Data data = TokenFile.read(tokens);
                PriorStore.Loaded p = PriorStore.loadFor(prior, data.header(), m);
                return LinearProbe.run(p.prior(), data, layers, limitPerSplit, ctx);
            }
        });
    }

    /** Held-out bits per token of a prior on a token file made by its tokenizer, against the unigram entropy. */
    public Job<PriorEvaluator.Result> evaluatePrior(Path prior, Path tokens, int limit) {
        return submit("evaluate prior", ctx -> {
            try (ai.djl.ndarray.NDManager m = ai.djl.ndarray.NDManager.newBaseManager(EngineRuntime.get().device())) {
                TokenFile.Data data = TokenFile.read(tokens);
                PriorStore.Loaded p = PriorStore.loadFor(prior, data.header(), m);
                return PriorEvaluator.evaluate(p.prior(), data, limit, m);
            }
        });
    }

    /** A training run's reports as the job events subscribers have always received. */
    private static TrainListener events(JobContext ctx) {
        return new TrainListener() {
            @Override
            public void metrics(long step, java.util.Map<String, Double> values) {
                ctx.emit(new JobEvent.Metrics(step, values));
            }

            @Override
            public void preview(String label, RgbImage image) {
                ctx.emit(new JobEvent.Preview(label, image));
            }

            @Override
            public void checkpointSaved(long step, Path checkpoint) {
                ctx.emit(new JobEvent.CheckpointSaved(step, checkpoint));
            }
        };
    }

    /** The device models run on, in words ("cpu (2 threads)", "NVIDIA H100 ..."). */
    public String describeDevice() {
        return runtime().describeDevice();
    }

    /**
     * Keeps the engine off the network (no model-zoo lookups, no usage tracking): a face calls this
     * first, before anything loads the engine.
     */
    public static void configureOffline() {
        EngineRuntime.configureOffline();
    }

    /**
     * "tokenizer" or "prior": what a checkpoint (or a run dir) holds, from its spec.json; "tokenizer"
     * for another project's tokenizer file, which {@link #openTokenizer} converts in memory.
     */
    public static String checkpointKind(Path path) throws java.io.IOException {
        if (ModelImport.isForeign(path)) {
            return ModelImport.kindOf(path);
        }
        return ModelHeader.read(CheckpointDir.resolve(path)).kind();
    }

    public static String version() {
        String v = VqBridge.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }

    @Override
    public void close() {
        engine.submit("close models", ctx -> {
            models.close();
            return null;
        });
        engine.close();
    }
}
