package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.Progress;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.api.JobContext;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.data.BatchLoader;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageBatch;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.Split;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.vq.Quantized;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trains a stage-1 tokenizer: the visible loop of small steps. Each step runs in its own
 * sub-manager and NDScope (memory stays flat), re-seeds the engine from (seed, step) so a resumed
 * run draws the same random numbers, and is a cancel point. NaN or inf stops the run with a
 * message naming the last checkpoint, if any. A decoder fine-tune ({@code spec.decoderOf()}) starts
 * from that tokenizer's weights and trains only its decoder side, so the codes never change; a warm
 * start ({@code spec.initFrom()}) trains the whole model from them.
 */
public final class TokenizerTrainer {

    private final TokenizerTrainSpec spec;
    private final RunDir run;
    private final JobContext ctx;
    private String codesOf; // the id a decoder fine-tune keeps; null otherwise

    public TokenizerTrainer(TokenizerTrainSpec spec, Path runDir, JobContext ctx) {
        this.spec = spec;
        this.run = new RunDir(runDir);
        this.ctx = ctx;
    }

    /**
     * Runs to {@code spec.steps()} (from the last checkpoint when resuming; a new run refuses a
     * directory that holds one already); returns the final evaluation.
     */
    public TrainSummary train(boolean resume) throws IOException {
        if (!resume) {
            run.requireNoRun();
        }
        DataSpec data = new DataSpec(Path.of(spec.data()), spec.model().resolution(), spec.validationFraction(),
                spec.flip(), spec.seed());
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device());
             ImageDataset dataset = ImageDataset.open(data)) {
            Engine.getInstance().setRandomSeed((int) spec.seed()); // the same initial weights on every start
            Tokenizer model = TokenizerStore.build(root, spec.model());
            TokenizerLoss losses = TokenizerLoss.create(root, spec, ctx);
            Map<String, NDArray> trained = spec.decoderOnly() ? model.decoderParameters() : model.parameters();
            try (Adam gOpt = new Adam(spec.optim(), trained, root);
                 Adam dOpt = losses.discriminator() == null ? null
                         : new Adam(spec.optim(), losses.discriminator().parameters(), root)) {
                ModelHeader restored = resume ? run.restoreTokenizer(model, losses.discriminator(), gOpt, dOpt) : null;
                long start = restored == null ? 0 : restored.step();
                if (spec.decoderOnly()) {
                    codesOf = resume ? restored.id() : startFrom(root, model, Path.of(spec.decoderOf()), true);
                } else if (spec.initFrom() != null && !resume) {
                    startFrom(root, model, Path.of(spec.initFrom()), false);
                }
                run.writeTrainSpec(spec);
                ctx.progress(start, spec.steps(), "steps", resume ? "resumed at step " + start : "");
                return loop(root, dataset, model, losses, gOpt, dOpt, start, resume ? start : -1);
            }
        }
    }

    private TrainSummary loop(NDManager root, ImageDataset dataset, Tokenizer model, TokenizerLoss losses,
                              Adam gOpt, Adam dOpt, long start, long resumedFrom) throws IOException {
        TokenizerEvaluator evaluator = new TokenizerEvaluator(dataset, spec.evalImages(), spec.decodeThreads(), losses.featureNet());
        boolean canEvaluate = !dataset.validation().isEmpty();
        if (!canEvaluate) {
            ctx.emit(new JobEvent.Notice("No images are held out for validation: evaluations and previews are skipped."));
        }
        long step = start;
        long savedStep = resumedFrom; // the checkpoint a divergence leaves to resume from (-1: none yet)
        int skippedInARow = 0;
        CodeRestarts restarts = new CodeRestarts(model.spec().quantizer().codebookSize(),
                spec.decoderOnly() ? 0 : model.spec().quantizer().restartEvery());
        EvalResult last = null;
        long t0 = System.nanoTime();
        // Throughput over the steps since the last log line, counting data loading and the step
        // itself but not evaluations, previews and checkpoints.
        long windowImages = 0, windowNanos = 0;
        try (MetricsLog log = new MetricsLog(run.metricsFile(), start);
             BatchLoader loader = BatchLoader.builder(dataset, Split.Part.TRAIN).optBatchSize(spec.batchSize())
                     .optShuffle(true).optSeed(spec.seed()).optThreads(spec.decodeThreads()).optForever()
                     .optStartAt(start * spec.batchSize()).build()) {
            while (step < spec.steps()) {
                if (ctx.isCancelled()) {
                    run.saveTokenizer(model, losses.discriminator(), gOpt, dOpt, spec, step, codesOf);
                    ctx.emit(new JobEvent.CheckpointSaved(step, run.checkpoint()));
                    ctx.checkCancelled();
                }
                long stepStart = System.nanoTime();
                ImageBatch batch = loader.next();
                Engine.getInstance().setRandomSeed((int) (spec.seed() * 1_000_003L + step));
                if (step == 0 && spec.model().quantizer().initFromData() && !spec.warmStarted()) {
                    initCodebook(root, model, batch);
                }
                float lr = spec.optim().lrAt(step, spec.steps());
                Map<String, Double> logged;
                try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                    NDArray x = sm.create(batch.pixels(), new Shape(batch.size(), 3, batch.resolution(), batch.resolution()));
                    logged = trainStep(model, losses, gOpt, dOpt, restarts, x, step, lr);
                    int restarted = restarts.maybeRestart(step + 1, model, x, gOpt, spec.seed());
                    if (restarts.enabled()) {
                        logged.put("train/restarted_codes", (double) restarted);
                    }
                }
                step++;
                windowImages += batch.size();
                windowNanos += System.nanoTime() - stepStart;
                // A non-finite gradient skips one update (Adam leaves the weights alone), as mixed-precision
                // loss scaling does; a non-finite loss, or many skips in a row, means the run diverged.
                skippedInARow = Double.isFinite(logged.get("train/grad_norm")) ? 0 : skippedInARow + 1;
                if (skippedInARow >= 10 || logged.entrySet().stream()
                        .anyMatch(e -> !e.getKey().equals("train/grad_norm") && !Double.isFinite(e.getValue()))) {
                    throw Divergence.at(step, "a loss or the gradient became NaN or infinite: " + logged, savedStep,
                            run.checkpoint());
                }
                if (step % spec.logEvery() == 0 || step == spec.steps()) {
                    logged.put("train/images_per_s", windowImages / (windowNanos / 1e9));
                    windowImages = 0;
                    windowNanos = 0;
                    logged.put("train/lr", (double) lr);
                    log.write(step, logged);
                    ctx.emit(new JobEvent.Metrics(step, logged));
                }
                ctx.progress(step, spec.steps(), "steps", "");
                if (canEvaluate && (step % spec.evalEvery() == 0 || step == spec.steps())) {
                    last = evaluate(evaluator, model, step);
                    log.write(step, last.asMetrics("val/"));
                    ctx.emit(new JobEvent.Metrics(step, last.asMetrics("val/")));
                }
                if (canEvaluate && (step % spec.previewEvery() == 0 || step == spec.steps())) {
                    ctx.emit(new JobEvent.Preview("reconstructions at step " + step,
                            run.writePreview(step, evaluator.previewGrid(model, 8))));
                }
                if (step % spec.checkpointEvery() == 0 || step == spec.steps()) {
                    run.saveTokenizer(model, losses.discriminator(), gOpt, dOpt, spec, step, codesOf);
                    savedStep = step;
                    ctx.emit(new JobEvent.CheckpointSaved(step, run.checkpoint()));
                }
            }
        }
        if (!dataset.skipLog().isEmpty()) {
            ctx.emit(new JobEvent.Notice(dataset.skipLog().warning()));
        }
        if (last == null && canEvaluate) {
            last = evaluate(evaluator, model, step);
        }
        return new TrainSummary(step, (System.nanoTime() - t0) / 1e9, last, run.checkpoint(), "");
    }

    /** The held-out evaluation, its progress shown beside the step count (it can take minutes). */
    private EvalResult evaluate(TokenizerEvaluator evaluator, Tokenizer model, long step) {
        return evaluator.evaluate(model, new Progress() {
            @Override
            public void progress(long done, long total, String unit, String message) {
                ctx.progress(step, spec.steps(), "steps", "evaluating step " + step + ": " + done + " / " + total
                        + " held-out images");
            }

            @Override
            public boolean isCancelled() {
                return false; // an evaluation finishes; the loop stops (and saves) at the next step boundary
            }
        });
    }

    /**
     * Copies the weights of the tokenizer at {@code source} into {@code model} (blocks it lacks start
     * as identities); returns its id. A decoder fine-tune ({@code sameCodes}) must keep its encoder.
     */
    private static String startFrom(NDManager root, Tokenizer model, Path source, boolean sameCodes) throws IOException {
        try (NDManager sm = root.newSubManager()) {
            TokenizerStore.Loaded src = TokenizerStore.load(source, sm);
            TrainableTokenizerSpec from = src.tokenizer().spec();
            if (!from.quantizer().equals(model.spec().quantizer()) || !from.family().equals(model.spec().family())
                    || sameCodes && from instanceof ViTVqganSpec f && !f.encoder().equals(((ViTVqganSpec) model.spec()).encoder())) {
                throw new IllegalArgumentException((sameCodes ? "A decoder fine-tune keeps the encoder and codebook of "
                        : "A warm start takes the codebook of ") + source + ", so its spec must describe the same "
                        + (sameCodes ? "ones." : "one."));
            }
            model.takeWeightsOf(src.tokenizer());
            return src.header().id();
        }
    }

    /** Puts the codes where the first batch's encoder outputs are (see {@code VectorQuantizer#initFromData}). */
    private static void initCodebook(NDManager root, Tokenizer model, ImageBatch batch) {
        try (NDManager sm = root.newSubManager(); NoGrad noGrad = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDArray x = sm.create(batch.pixels(), new Shape(batch.size(), 3, batch.resolution(), batch.resolution()));
            model.quantizer().initFromData(model.encodeContinuous(x));
        }
    }

    /** One generator step and, once it has started, one discriminator step. */
    private Map<String, Double> trainStep(Tokenizer model, TokenizerLoss losses, Adam gOpt, Adam dOpt,
                                          CodeRestarts restarts, NDArray x, long step, float lr) {
        Map<String, Double> logged = new LinkedHashMap<>();
        NDArray fake;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            Quantized q = spec.decoderOnly() ? model.quantizeFrozen(x) : model.quantize(x);
            NDArray raw = model.decodeRaw(q.quantized());                 // (B, 6, H, W)
            fake = PixelHead.toImage(raw);                                 // (B, 3, H, W) in [-1, 1]
            StepLosses g = losses.generator(model, x, raw, fake, q, step);
            gc.backward(g.total());
            logged.putAll(g.values());
            restarts.record(q.indices());
        }
        logged.put("train/grad_norm", gOpt.step(lr));
        if (dOpt != null && losses.discriminatorActive(step)) {
            dOpt.zeroGrad(); // the generator's backward left gradients on D
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                StepLosses d = losses.discriminatorStep(x, fake.stopGradient());
                gc.backward(d.total());
                logged.putAll(d.values());
            }
            dOpt.step(lr);
        }
        return logged;
    }
}
