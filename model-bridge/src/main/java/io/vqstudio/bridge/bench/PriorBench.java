package io.vqstudio.bridge.bench;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.prior.PriorStore;
import io.vqstudio.bridge.prior.PriorTransformer;
import io.vqstudio.bridge.prior.Sampler;
import io.vqstudio.bridge.runtime.MemoryProbe;
import io.vqstudio.bridge.train.Adam;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.train.PriorTrainer;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.llamagpt.LlamaGpt;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.taminggpt.TamingGpt;
import io.vqstudio.bridge.taminggpt.TamingGptSpec;
import io.vqstudio.bridge.llamagpt.LlamaGptSpec;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.StepPhases;
import io.vqstudio.bridge.prior.CausalLm;
import java.util.ArrayList;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Throughput of the two priors on this machine, random weights (speed does not depend on them):
 * AR sampling with the key/value cache at 16x16 and 32x32, against a no-cache reference that
 * recomputes the whole prefix for every token (per-token cost at the start, middle and end of the
 * sequence); MaskGIT sampling at 8 and 12 steps; one class-conditional sample (cfg 1.5) of each;
 * and a training step (forward, backward, our Adam) at batch 16 with MFU against the measured
 * GEMM ceiling. Then every AR family at its published size ({@link #arFamilies}: ours, LlamaGen's
 * GPT-B) samples one class-conditional grid with guidance, its per-token time set against the
 * weight-bandwidth bound and split by phase.
 *
 * <p>Training FLOPs per step: 3 x forward, forward = 2 x (non-embedding parameters) x (sequence
 * positions) + 2 x 2 x T^2 x d per layer and sequence for the attention scores and the weighted
 * sum. The non-embedding parameters are the blocks, the final norm and the logit head; T is the
 * sequence actually run (AR: the class token + n - 1 cells; MaskGIT: the class token + n cells).
 * The full T x T attention is counted for the AR prior too, since the masked product computes it.
 */
public final class PriorBench {

    static final int[] SAMPLE_GRIDS = {16, 32};
    static final int MANY = 8;
    static final int[] COUNTS = {1, MANY};
    static final int[] MASKGIT_STEPS = {8, 12};
    static final int TRAIN_BATCH = 16;
    /** Cells the no-cache reference samples at each prefix length (it is slow at the end). */
    static final int WINDOW = 8;

    /** One sampling measurement; {@code seconds} per call of {@code count} images. */
    public record SampleRow(String kind, String setting, int grid, int count, double seconds, double tokensPerSecond,
                            double imagesPerSecond) {}

    /**
     * Milliseconds per sampled token at prefix lengths from..to (one grid row) with the cache, and
     * over the first {@link #WINDOW} of them without it.
     */
    public record PrefixRow(int grid, int from, int to, double cachedMs, double uncachedMs) {}

    /** One training step at {@code batch}: image tokens per second, model GFLOP/s and MFU. */
    public record TrainRow(String kind, int batch, double stepSeconds, double tokensPerSecond, double gflops,
                           double mfu) {}

    /**
     * One AR family's class-conditional sample with guidance: seconds, milliseconds per token, the
     * weight-bandwidth bound per token (weights read once per step at the measured memory bandwidth)
     * and milliseconds per token by phase ({@link StepPhases.Phase} order; zeros where a family's step
     * does not report its phases, whose time then shows as HEAD).
     */
    public record FamilyRow(String family, int grid, long parameters, double weightMiBPerToken, double sampleSeconds,
                            double msPerToken, double boundMs, double[] phaseMs) {}

    /** Everything measured, with the ceiling, the memory bandwidth and the peak resident memory. */
    public record Result(String arPreset, String maskGitPreset, int grid, int codes, int classes, long arParameters,
                         long maskGitParameters, List<SampleRow> sampling, List<PrefixRow> prefixCost,
                         List<TrainRow> training, List<FamilyRow> families, long peakRssBytes, double ceilingGflops,
                         double bandwidthGbs) {

        public String toText() {
            StringBuilder sb = new StringBuilder(String.format(
                    "AR %s (%.2f M parameters), MaskGIT %s (%.2f M) for %dx%d grids of %d codes, %d classes; "
                            + "GEMM ceiling %.1f GFLOP/s%n", arPreset, arParameters / 1e6, maskGitPreset,
                    maskGitParameters / 1e6, grid, grid, codes, classes, ceilingGflops));
            sb.append(String.format("%nsampling%n%-8s %-28s %5s %6s %10s %10s %9s%n", "kind", "setting", "grid",
                    "count", "s/call", "tokens/s", "images/s"));
            for (SampleRow r : sampling) {
                sb.append(String.format("%-8s %-28s %5d %6d %10.3f %10.1f %9.3f%n", r.kind(), r.setting(), r.grid(),
                        r.count(), r.seconds(), r.tokensPerSecond(), r.imagesPerSecond()));
            }
            sb.append(String.format("%nAR per-token cost by prefix length (count 1; no cache: first %d cells of the row)"
                    + "%n%5s %11s %12s %14s%n", WINDOW, "grid", "prefix", "KV cache ms", "no cache ms"));
            for (PrefixRow r : prefixCost) {
                sb.append(String.format("%5d %11s %12.2f %14.2f%n", r.grid(), r.from() + "-" + r.to(), r.cachedMs(),
                        r.uncachedMs()));
            }
            sb.append(String.format("%nAR families at their published sizes, random weights: one class-conditional sample, "
                    + "guidance %.1f (a doubled batch); bound = weights read once a token at %.1f GB/s (measured: a sum over "
                    + "%d MiB)%n%-24s %5s %8s %9s %9s %9s %9s %7s |", CFG, bandwidthGbs, BANDWIDTH_MIB, "family", "grid",
                    "params", "MiB/token", "s/sample", "ms/token", "bound ms", "x bound"));
            for (StepPhases.Phase ph : StepPhases.Phase.values()) {
                sb.append(String.format(" %9s", ph.name().toLowerCase(java.util.Locale.ROOT)));
            }
            sb.append(" (ms/token)\n");
            for (FamilyRow r : families) {
                sb.append(String.format("%-24s %5s %7.1fM %9.1f %9.3f %9.3f %9.3f %7.2f |", r.family(), r.grid() + "x" + r.grid(),
                        r.parameters() / 1e6, r.weightMiBPerToken(), r.sampleSeconds(), r.msPerToken(), r.boundMs(),
                        r.msPerToken() / r.boundMs()));
                for (double ms : r.phaseMs()) {
                    sb.append(String.format(" %9.3f", ms));
                }
                sb.append('\n');
            }
            sb.append(String.format("%ntraining step (forward + backward + Adam)%n%-8s %6s %10s %10s %10s %7s%n",
                    "kind", "batch", "s/step", "tokens/s", "GFLOP/s", "MFU"));
            for (TrainRow r : training) {
                sb.append(String.format("%-8s %6d %10.3f %10.1f %10.1f %6.1f%%%n", r.kind(), r.batch(),
                        r.stepSeconds(), r.tokensPerSecond(), r.gflops(), 100 * r.mfu()));
            }
            return sb.append("peak memory (RSS) ").append(MemoryProbe.mib(peakRssBytes)).append('\n').toString();
        }
    }

    private PriorBench() {}

    /** @param iterations timed training steps (median), after one warm-up */
    public static Result run(String arPreset, String maskGitPreset, int grid, int codes, int classes, int iterations,
                             double ceiling, Progress progress) {
        PriorSpec ar = PriorSpec.preset(PriorKind.AR, arPreset).forData(grid, codes, classes);
        PriorSpec mg = PriorSpec.preset(PriorKind.MASKGIT, maskGitPreset).forData(grid, codes, classes);
        List<SampleRow> sampling = new ArrayList<>();
        List<PrefixRow> prefix = new ArrayList<>();
        List<TrainRow> training = new ArrayList<>();
        long[] params = new long[2];
        long total = SAMPLE_GRIDS.length + 2L + arFamilies(arPreset, ar).size(), done = 0;
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            for (int g : SAMPLE_GRIDS) {
                try (NDManager m = root.newSubManager()) {
                    TransformerPrior p = PriorStore.build(m, ar.forData(g, codes, classes));
                    prefix.addAll(prefixCost(m, p, sampling));
                    sampling.add(sample(m, p, "kv-cache", MANY, SamplingSpec.defaults()));
                }
                progress.progress(++done, total, "phases", "AR sampling " + g + "x" + g);
                progress.checkCancelled();
            }
            for (PriorSpec spec : List.of(ar, mg)) {
                try (NDManager m = root.newSubManager()) {
                    TransformerPrior p = PriorStore.build(m, spec);
                    params[spec.kind() == PriorKind.AR ? 0 : 1] = p.net().parameterCount();
                    if (spec.kind() == PriorKind.MASKGIT) {
                        SamplingSpec one = SamplingSpec.defaults().withSteps(1);
                        p.generate(m, empty(spec), -1, 1, one, Prior.PartialListener.NONE);   // warm-up
                        for (int steps : MASKGIT_STEPS) {
                            for (int count : COUNTS) {
                                sampling.add(sample(m, p, steps + " steps", count, one.withSteps(steps)));
                            }
                        }
                    }
                    SamplingSpec cfg = SamplingSpec.defaults().withCfgScale(1.5f);
                    String what = "class 0, cfg 1.5" + (spec.kind() == PriorKind.AR ? "" : ", " + cfg.steps() + " steps");
                    sampling.add(sample(m, p, what, 0, 1, cfg));
                    training.add(train(m, p, iterations, ceiling));
                }
                progress.progress(++done, total, "phases", spec.kind() + " sampling and training");
                progress.checkCancelled();
            }
        }
        List<FamilyRow> families = new ArrayList<>();
        double bandwidth;
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            bandwidth = memoryBandwidthGbs(root);
            for (ArFamily f : arFamilies(arPreset, ar)) {
                try (NDManager m = root.newSubManager()) {
                    families.add(family(m, f, bandwidth));
                }
                progress.progress(++done, total, "phases", f.name() + " sampling");
                progress.checkCancelled();
            }
        }
        return new Result(arPreset, maskGitPreset, grid, codes, classes, params[0], params[1], sampling, prefix,
                training, families, MemoryProbe.peakRssBytes(), ceiling, bandwidth);
    }

    /** Guidance scale of the families' samples. */
    static final float CFG = 1.5f;
    /** Size of the array summed for the memory bandwidth: far past the last-level cache. */
    static final int BANDWIDTH_MIB = 256;

    /**
     * An AR family at its published size: its name, a prior of its real shapes with random weights, and
     * which parameters are lookup tables (one row read a token, not the whole table).
     */
    public record ArFamily(String name, Function<NDManager, Prior> build, Predicate<String> lookupTable) {}

    /** The AR families measured, one line each: ours at the preset given, then the imported families. */
    static List<ArFamily> arFamilies(String preset, PriorSpec ours) {
        return List.of(
                new ArFamily("ours " + preset, m -> PriorStore.build(m, ours), k -> k.endsWith("_embed") || k.equals("cls_pos")),
                new ArFamily("LlamaGen GPT-B", m -> randomLlamaGpt(m, LlamaGptSpec.size("B", 16)).asPrior(),
                        k -> k.startsWith("cls_embedding.") || k.startsWith("tok_embeddings.")),
                new ArFamily("taming cin_transformer", m -> randomized(m, new TamingGpt(m,
                        TamingGptSpec.presets().get("cin_transformer")), k -> k.contains("ln")).asPrior(),
                        k -> k.startsWith("tok_emb.") || k.equals("pos_emb")));
    }

    /** A LlamaGen GPT of {@code spec}'s shapes with weights drawn from normal(0, 0.02) and RMSNorm weights of one. */
    static LlamaGpt randomLlamaGpt(NDManager m, LlamaGptSpec spec) {
        return randomized(m, new LlamaGpt(m, spec), k -> k.endsWith("norm.weight"));
    }

    /** {@code net} with every weight drawn from normal(0, 0.02) except those {@code kept} (norms: one and zero). */
    static <M extends Module> M randomized(NDManager m, M net, Predicate<String> kept) {
        for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
            if (!kept.test(p.getKey())) {
                try (NDArray r = m.randomNormal(0f, 0.02f, p.getValue().getShape(), DataType.FLOAT32)) {
                    InPlace.set(p.getValue(), r);
                }
            }
        }
        return net;
    }

    /** Memory bandwidth in GB/s: the best of five sums over an array far larger than the caches. */
    static double memoryBandwidthGbs(NDManager root) {
        try (NDManager m = root.newSubManager(); NoGrad noGrad = NoGrad.enter()) {
            NDArray a = m.ones(new Shape(BANDWIDTH_MIB * (1L << 20) / 4));
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 6; i++) {
                try (NDManager sm = m.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray sum = a.sum();
                    sum.attach(sm);
                    sum.getFloat();
                    if (i > 0) {
                        best = Math.min(best, (System.nanoTime() - t0) / 1e9);
                    }
                }
            }
            return BANDWIDTH_MIB * (double) (1L << 20) / best / 1e9;
        }
    }

    /** One family's guided sample, timed and split by phase after a few untimed steps. */
    private static FamilyRow family(NDManager m, ArFamily f, double bandwidthGbs) {
        Prior p = f.build().apply(m);
        long params = 0, perToken = 0;
        for (Map.Entry<String, NDArray> e : p.network().parameters().entrySet()) {
            Shape s = e.getValue().getShape();
            params += s.size();
            perToken += f.lookupTable().test(e.getKey()) ? s.get(s.dimension() - 1) : s.size();
        }
        if (p.network() instanceof CausalLm lm) {
            try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
                KvCache cache = lm.newCache(sm);
                for (int pos = 0; pos < 4; pos++) {                                   // warm-up: JIT and the kernels' buffers
                    try (NDManager st = sm.newSubManager()) {
                        lm.step(st.create(new long[] {0, 0}), pos, cache).toFloatArray();
                    }
                }
            }
        }
        int n = p.shape().tokens(), g = p.shape().gridSize();
        int[] grid = new int[n];
        Arrays.fill(grid, -1);
        StepPhases.start();
        long t0 = System.nanoTime();
        // Guided where the family has a null class; taming's transformer is class-conditional only.
        p.generate(m, grid, 0, 1, SamplingSpec.defaults().withCfgScale(p.shape().nullClass() ? CFG : 1f),
                Prior.PartialListener.NONE);
        double sec = (System.nanoTime() - t0) / 1e9;
        long[] phases = StepPhases.stop();
        double[] phaseMs = Arrays.stream(phases).mapToDouble(ns -> ns / 1e6 / n).toArray();
        double bytes = 4.0 * perToken;
        return new FamilyRow(f.name(), g, params, bytes / (1 << 20), sec, sec * 1e3 / n, bytes / (bandwidthGbs * 1e9) * 1e3,
                phaseMs);
    }

    private static SampleRow sample(NDManager m, TransformerPrior p, String setting, int count, SamplingSpec s) {
        return sample(m, p, setting, -1, count, s);
    }

    private static SampleRow sample(NDManager m, TransformerPrior p, String setting, int classId, int count, SamplingSpec s) {
        long t0 = System.nanoTime();
        p.generate(m, empty(p.spec()), classId, count, s, Prior.PartialListener.NONE);
        double sec = (System.nanoTime() - t0) / 1e9;
        int n = p.spec().tokens();
        return new SampleRow(p.spec().kind().toString(), setting, p.spec().gridSize(), count, sec,
                (double) n * count / sec, count / sec);
    }

    private static int[] empty(PriorSpec spec) {
        int[] g = new int[spec.tokens()];
        Arrays.fill(g, -1);
        return g;
    }

    /**
     * AR sampling of one image with the cache, timed row by row through the partial-result
     * listener, beside the no-cache reference: per-token milliseconds in the first, middle and last
     * grid row. The reference samples the first WINDOW cells of that row from a random prefix,
     * running the full causal forward over the prefix for every cell and keeping only the last
     * position's logits (the head still runs at every position, as plain recomputation does).
     */
    private static List<PrefixRow> prefixCost(NDManager m, TransformerPrior p, List<SampleRow> sampling) {
        PriorTransformer net = p.net();
        int g = net.spec().gridSize(), k = net.spec().codebookSize();
        SamplingSpec s = SamplingSpec.defaults();
        p.generate(m, empty(p.spec()), -1, 1, s, Prior.PartialListener.NONE);  // warm-up
        double[] rowMs = new double[g];
        long[] last = {System.nanoTime()};
        long t0 = last[0];
        p.generate(m, empty(p.spec()), -1, 1, s, (grids, done, total) -> {
            long now = System.nanoTime();
            rowMs[done / g - 1] = (now - last[0]) / 1e6 / g;
            last[0] = now;
        });
        double sec = (System.nanoTime() - t0) / 1e9;
        sampling.add(new SampleRow(p.spec().kind().toString(), "kv-cache", g, 1, sec, g * g / sec, 1 / sec));
        Random rnd = new Random(1);
        List<PrefixRow> rows = new ArrayList<>();
        try (NoGrad noGrad = NoGrad.enter()) {
            uncachedToken(m, net, new long[0], s, rnd);                              // warm-up
            for (int row : new int[] {0, g / 2, g - 1}) {
                long[] prefix = rnd.longs((long) row * g, 0, k).toArray();
                double uncached = 0;
                for (int i = 0; i < WINDOW; i++) {
                    long c0 = System.nanoTime();
                    long next = uncachedToken(m, net, prefix, s, rnd);
                    uncached += (System.nanoTime() - c0) / 1e6;
                    prefix = Arrays.copyOf(prefix, prefix.length + 1);
                    prefix[prefix.length - 1] = next;
                }
                rows.add(new PrefixRow(g, row * g, row * g + g - 1, rowMs[row], uncached / WINDOW));
            }
        }
        return rows;
    }

    /** The no-cache reference: one token after {@code prefix}, recomputing the whole causal forward. */
    private static long uncachedToken(NDManager m, PriorTransformer net, long[] prefix, SamplingSpec s, Random rnd) {
        try (NDManager sm = m.newSubManager()) {
            NDArray logits = net.forward(sm.create(prefix, new Shape(1, prefix.length)),
                    sm.create(new long[] {net.spec().noClass()}), true, false);     // (1, 1 + L, K)
            float[] last = logits.get(0, prefix.length).toFloatArray();
            return Sampler.sample(last, 0, net.spec().codebookSize(), s, rnd);
        }
    }

    private static TrainRow train(NDManager m, TransformerPrior p, int iterations, double ceiling) {
        PriorSpec spec = p.spec();
        int n = spec.tokens(), b = TRAIN_BATCH;
        Random rnd = new Random(2);
        double[] t = new double[iterations];
        try (Adam opt = new Adam(OptimSpec.defaults(), p.net().parameters(), m)) {
            for (int i = -1; i < iterations; i++) {
                try (NDScope scope = new NDScope(); NDManager sm = m.newSubManager()) {
                    long[] codes = rnd.longs((long) b * n, 0, spec.codebookSize()).toArray();
                    long[] classIds = rnd.longs(b, 0, spec.numClasses() + 1L).toArray();
                    long t0 = System.nanoTime();
                    PriorTrainer.accumulateGradients(p, codes, classIds, PriorTrainer.passGrids(n, b, sm.getDevice()), rnd, sm);
                    opt.step(1e-4f);
                    if (i >= 0) {
                        t[i] = (System.nanoTime() - t0) / 1e9;
                    }
                }
            }
        }
        Arrays.sort(t);
        double sec = t[iterations / 2];
        double gflops = trainingFlops(p, b) / sec / 1e9;
        return new TrainRow(spec.kind().toString(), b, sec, (double) b * n / sec, gflops,
                ceiling > 0 ? gflops / ceiling : Double.NaN);
    }

    /** Model FLOPs of one training step at batch {@code b}, as the class comment counts them. */
    static double trainingFlops(TransformerPrior p, int b) {
        PriorSpec spec = p.spec();
        long nonEmbedding = p.net().parameters().entrySet().stream()
                .filter(e -> !e.getKey().endsWith("_embed") && !e.getKey().equals("cls_pos"))
                .mapToLong(e -> e.getValue().getShape().size()).sum();
        double seq = spec.kind() == PriorKind.AR ? spec.tokens() : spec.tokens() + 1;
        double forward = 2.0 * nonEmbedding * seq + 2.0 * 2 * seq * seq * spec.width() * spec.layers();
        return 3 * forward * b;
    }
}
