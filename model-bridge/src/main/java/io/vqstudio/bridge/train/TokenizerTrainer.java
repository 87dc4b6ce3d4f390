package io.vqstudio.bridge.train;

import io.vqstudio.bridge.core.Progress;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
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
import java.util.Random;

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
    private final Progress progress;
    private final TrainListener listener;
    private String codesOf; // the id a decoder fine-tune keeps; null otherwise

    /** A run into {@code runDir}, reporting steps and notices to {@code progress} (a cancel point each step). */
    public TokenizerTrainer(TokenizerTrainSpec spec, Path runDir, Progress progress, TrainListener listener) {
        this.spec = spec;
        this.run = new RunDir(runDir);
        this.progress = progress;
        this.listener = listener;
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
            TokenizerLoss losses = TokenizerLoss.create(root, spec, progress);
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
                return loop(root, dataset, model, losses, gOpt, dOpt, start, resume);
            }
        }
    }

    private TrainSummary loop(NDManager root, ImageDataset dataset, Tokenizer model, TokenizerLoss losses,
                              Adam gOpt, Adam dOpt, long start, boolean resumed) throws IOException {
        TokenizerEvaluator evaluator = new TokenizerEvaluator(dataset, spec.evalImages(), spec.decodeThreads(), losses.featureNet());
        boolean canEvaluate = !dataset.validation().isEmpty();
        if (!canEvaluate) {
            progress.notice("No images are held out for validation: evaluations and previews are skipped.");
        }
        CodeRestarts restarts = new CodeRestarts(model.spec().quantizer().codebookSize(),
                spec.decoderOnly() ? 0 : model.spec().quantizer().restartEvery());
        EvalResult[] last = {null};
        TrainingLoop.Outcome end;
        try (BatchLoader loader = BatchLoader.builder(dataset, Split.Part.TRAIN).optBatchSize(spec.batchSize())
                .optShuffle(true).optSeed(spec.seed()).optThreads(spec.decodeThreads()).optForever()
                .optStartAt(start * spec.batchSize()).build()) {
            end = TrainingLoop.run(schedule(), run, start, resumed, new TrainingLoop.Steps() {
                @Override
                public TrainingLoop.StepResult step(long step, float lr) {
                    ImageBatch batch = loader.next();
                    if (step == 0 && spec.model().quantizer().initFromData() && !spec.warmStarted()) {
                        initCodebook(root, model, batch, spec.seed());
                    }
                    try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                        NDArray x = sm.create(batch.pixels(), new Shape(batch.size(), 3, batch.resolution(), batch.resolution()));
                        Map<String, Double> logged = trainStep(model, losses, gOpt, dOpt, restarts, x, step, lr);
                        int restarted = restarts.maybeRestart(step + 1, model, x, gOpt, spec.seed());
                        if (restarts.enabled()) {
                            logged.put("train/restarted_codes", (double) restarted);
                        }
                        return new TrainingLoop.StepResult(logged, batch.size());
                    }
                }

                @Override
                public void save(long step) throws IOException {
                    run.saveTokenizer(model, losses.discriminator(), gOpt, dOpt, spec, step, codesOf);
                }

                @Override
                public boolean canEvaluate() {
                    return canEvaluate;
                }

                @Override
                public Map<String, Double> evaluate(long step) {
                    last[0] = TokenizerTrainer.this.evaluate(evaluator, model, step);
                    return last[0].asMetrics("val/");
                }

                @Override
                public void preview(long step) throws IOException {
                    listener.preview("reconstructions at step " + step, run.writePreview(step, evaluator.previewGrid(model, 8)));
                }
            }, progress, listener);
        }
        if (!dataset.skipLog().isEmpty()) {
            progress.notice(dataset.skipLog().warning());
        }
        if (last[0] == null && canEvaluate) {
            last[0] = evaluate(evaluator, model, end.step());
        }
        return new TrainSummary(end.step(), end.seconds(), last[0], run.checkpoint(), "");
    }

    private TrainingLoop.Schedule schedule() {
        return new TrainingLoop.Schedule(spec.steps(), spec.seed(), spec.optim(), spec.logEvery(), spec.evalEvery(),
                spec.checkpointEvery(), spec.previewEvery(), "train/images_per_s");
    }

    /** The held-out evaluation, its progress shown beside the step count (it can take minutes). */
    private EvalResult evaluate(TokenizerEvaluator evaluator, Tokenizer model, long step) {
        // Never cancelled inside: an evaluation finishes, and the loop stops (and saves) at the next step boundary.
        return evaluator.evaluate(model, Progress.counting((done, total) -> progress.progress(step, spec.steps(), "steps",
                "evaluating step " + step + ": " + done + " / " + total + " held-out images")));
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
    private static void initCodebook(NDManager root, Tokenizer model, ImageBatch batch, long seed) {
        try (NDManager sm = root.newSubManager(); NoGrad noGrad = NoGrad.enter(); NDScope scope = new NDScope()) {
            NDArray x = sm.create(batch.pixels(), new Shape(batch.size(), 3, batch.resolution(), batch.resolution()));
            model.quantizer().initFromData(model.encodeContinuous(x), new Random(seed));
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
