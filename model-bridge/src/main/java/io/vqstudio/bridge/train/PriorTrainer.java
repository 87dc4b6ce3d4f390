package io.vqstudio.bridge.train;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Trains a stage-2 prior on a token file, with the tokenizer's conventions: our Adam with warm-up
 * and cosine decay, a sub-manager and scope per step, (seed, step)-seeded randomness for exact
 * resume, atomic checkpoints, JSONL metrics with validation bits per token next to the unigram
 * entropy of the codes (the bits a model that ignores context would need). A new run may start from
 * another prior's weights ({@code spec.initFrom()}), e.g. on the codes of a retrained tokenizer.
 */
public final class PriorTrainer {

    /**
     * Tokens per forward-backward pass on the CPU. A batch runs as slices of this many tokens' grids
     * whose gradients add up, each slice's loss weighted by its share of the batch (for MaskGIT, whose
     * loss is a mean over masked cells, that weights grids equally). Small activations stay clear of
     * libtorch's slow path for large new tensors; two grids of 256 tokens per pass was the fastest
     * split (the figures are in the README's Benchmarks).
     */
    static final int PASS_TOKENS = 512;

    private final PriorTrainSpec spec;
    private final RunDir run;
    private final Progress progress;
    private final TrainListener listener;

    /** A run into {@code runDir}, reporting steps and notices to {@code progress} (a cancel point each step). */
    public PriorTrainer(PriorTrainSpec spec, Path runDir, Progress progress, TrainListener listener) {
        this.spec = spec;
        this.run = new RunDir(runDir);
        this.progress = progress;
        this.listener = listener;
    }

    /**
     * Grids per forward-backward pass: about {@link #PASS_TOKENS} tokens' worth on the CPU (at least
     * one, at most the batch); a GPU takes the batch whole.
     */
    public static int passGrids(int tokensPerGrid, int batch, Device device) {
        return device.isGpu() ? batch : Math.max(1, Math.min(batch, PASS_TOKENS / tokensPerGrid));
    }

    /**
     * The forward and backward passes of one batch of grids, (size * tokens) codes and (size) class
     * ids, {@code pass} grids at a time: the gradients of the batch's mean loss land, summed, in the
     * prior's parameters; returns that loss.
     */
    public static double accumulateGradients(TransformerPrior prior, long[] tokens, long[] classes, int pass, Random rnd,
                                             NDManager root) {
        int n = prior.spec().tokens(), size = classes.length;
        double loss = 0;
        for (int from = 0; from < size; from += pass) {
            int to = Math.min(size, from + pass);
            try (NDManager sm = root.newSubManager(); NDScope scope = new NDScope()) {
                NDArray part = sm.create(Arrays.copyOfRange(tokens, from * n, to * n), new Shape(to - from, n));
                NDArray ids = sm.create(Arrays.copyOfRange(classes, from, to));                   // (b)
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray l = Scalars.mul(prior.loss(part, ids, true, rnd), (double) (to - from) / size);
                    gc.backward(l);                                      // weighted by its share of the mean
                    loss += l.getFloat();
                }
            }
        }
        return loss;
    }

    /**
     * Runs to {@code spec.steps()} (from the last checkpoint when resuming; a new run refuses a
     * directory that holds one already); returns the steps done and the held-out bits per token.
     */
    public TrainSummary train(boolean resume) throws IOException {
        if (!resume) {
            run.requireNoRun();
        }
        TokenFile.Data data = TokenFile.read(Path.of(spec.tokens()));
        TokenFile.Header h = data.header();
        PriorSpec model = PriorSpec.preset(spec.kind(), spec.preset()).forData(h.gridSize(), h.codebookSize(),
                h.classes().size());
        TokenBatches batches = new TokenBatches(data, spec.batchSize(), spec.seed());
        if (batches.trainSize() == 0) {
            throw new IllegalArgumentException(spec.tokens() + " has no training grids");
        }
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            Engine.getInstance().setRandomSeed((int) spec.seed());
            TransformerPrior prior = PriorStore.build(root, model);
            try (Adam opt = new Adam(spec.optim(), prior.net().parameters(), root)) {
                long start = resume ? run.restorePrior(prior, opt, h) : 0;
                if (!resume && spec.initFrom() != null) {
                    PriorStore.copyWeightsInto(prior, h.classNames(), Path.of(spec.initFrom()));
                }
                run.writeTrainSpec(spec);
                double unigram = batches.unigramBits(h.codebookSize());
                TrainingLoop.Outcome end = TrainingLoop.run(schedule(), run, start, resume, new TrainingLoop.Steps() {
                    @Override
                    public TrainingLoop.StepResult step(long step, float lr) {
                        Random rnd = new Random(spec.seed() * 31 + step);
                        TokenBatches.Batch b = batches.train(step, spec.labelDropout(), model.noClass(), rnd);
                        double loss = accumulateGradients(prior, b.tokens(), b.classes(),
                                passGrids(model.tokens(), b.size(), root.getDevice()), rnd, root);
                        Map<String, Double> m = new LinkedHashMap<>();
                        m.put("train/loss", loss);
                        m.put("train/bits_per_token", loss / Math.log(2));
                        m.put("train/grad_norm", opt.step(lr));
                        return new TrainingLoop.StepResult(m, (long) b.size() * model.tokens());
                    }

                    @Override
                    public void save(long step) throws IOException {
                        run.savePrior(prior, opt, h, spec, step);
                    }

                    @Override
                    public boolean canEvaluate() {
                        return batches.validationSize() > 0;
                    }

                    @Override
                    public Map<String, Double> evaluate(long step) {
                        return PriorEvaluator.evaluate(prior, batches, unigram, spec.evalRecords(), root).metrics();
                    }
                }, progress, listener);
                double bits = end.lastEval().getOrDefault("val/bits_per_token", Double.NaN);
                return new TrainSummary(end.step(), end.seconds(), null, run.checkpoint(),
                        String.format("val bits/token %.3f (unigram entropy %.3f)", bits, unigram));
            }
        }
    }

    private TrainingLoop.Schedule schedule() {
        return new TrainingLoop.Schedule(spec.steps(), spec.seed(), spec.optim(), spec.logEvery(), spec.evalEvery(),
                spec.checkpointEvery(), 0, "train/tokens_per_s");
    }
}
