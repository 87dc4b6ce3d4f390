package io.vqstudio.bridge.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.nn.Laps;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.runtime.MemoryProbe;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.PixelHead;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.train.Adam;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.vq.Quantized;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Throughput of a tokenizer preset on this machine: encode, decode and a generator training step
 * (L2 + logit-Laplace + codebook losses, Adam) at several batch sizes, each split into its phases,
 * with MFU against the measured GEMM ceiling; for the imported families' published shapes, encode and decode only
 * ({@link #runImported}). Random weights: speed does not depend on them.
 */
public final class TokenizerBench {

    /**
     * One measurement: images per second and the model FLOP/s as a fraction of the ceiling;
     * {@code phaseSeconds} splits it into its parts (median seconds each; empty for imported families).
     */
    public record Row(String phase, int batch, double imagesPerSecond, double gflops, double mfu,
                      Map<String, Double> phaseSeconds) {

        Row withPhases(Map<String, Double> phases) {
            return new Row(phase, batch, imagesPerSecond, gflops, mfu, phases);
        }
    }

    /**
     * All rows plus the peak resident memory and the ceiling used; {@code note} says what was left
     * out (an imported family's training step), or is null.
     */
    public record Result(String preset, String family, long parameters, List<Row> rows, long peakRssBytes,
                         double ceilingGflops, String note) {

        public String toText() {
            StringBuilder sb = new StringBuilder(String.format("%s (%s): %.2f M parameters; GEMM ceiling %.1f GFLOP/s%n",
                    preset, family, parameters / 1e6, ceilingGflops));
            if (note != null) {
                sb.append(note).append('\n');
            }
            sb.append(String.format("%-11s %6s %12s %10s %7s%n", "phase", "batch", "images/s", "GFLOP/s", "MFU"));
            for (Row r : rows) {
                sb.append(String.format("%-11s %6d %12.2f %10.1f %6.1f%%%n", r.phase(), r.batch(), r.imagesPerSecond(),
                        r.gflops(), 100 * r.mfu()));
                if (!r.phaseSeconds().isEmpty()) {
                    double step = r.batch() / r.imagesPerSecond();
                    StringBuilder parts = new StringBuilder("  ");
                    r.phaseSeconds().forEach((name, sec) -> parts.append(String.format(" %s %.1f ms (%.0f%%)",
                            name, 1e3 * sec, 100 * sec / step)));
                    sb.append(parts).append('\n');
                }
            }
            sb.append("peak memory (RSS) ").append(MemoryProbe.mib(peakRssBytes)).append('\n');
            return sb.toString();
        }
    }

    /** What the bench of an imported family leaves out, and why. */
    static final String IMPORTED_NOTE = "encode and decode only: models imported from other projects are not trained here, "
            + "so there is no training-step phase";

    private TokenizerBench() {}

    public static Result run(TrainableTokenizerSpec spec, int[] batches, int iterations, double ceiling, Progress progress) {
        List<Row> rows = new ArrayList<>();
        double enc = Flops.encode(spec), dec = Flops.decode(spec);
        int res = spec.resolution();
        long total = (long) batches.length * 3, done = 0;
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            Tokenizer model = TokenizerStore.build(root, spec);
            try (Adam opt = new Adam(OptimSpec.defaults(), model.parameters(), root)) {
                for (int b : batches) {
                    NDArray x = root.randomUniform(-1, 1, new Shape(b, 3, res, res));
                    rows.add(lapped("encode", b, enc, ceiling, iterations, () -> {
                        try (NoGrad noGrad = NoGrad.enter()) {
                            model.encode(x).toLongArray();
                        }
                    }));
                    progress.progress(++done, total, "phases", "");
                    NDArray grid = model.encode(x);
                    rows.add(lapped("decode", b, dec, ceiling, iterations, () -> {
                        try (NoGrad noGrad = NoGrad.enter()) {
                            model.decode(grid).toFloatArray();
                        }
                    }));
                    progress.progress(++done, total, "phases", "");
                    PhaseClock clock = new PhaseClock(iterations);
                    double s = time(iterations, i -> {
                        clock.start(i);
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            NDArray z = model.encodeContinuous(x);
                            clock.mark("encoder");
                            Quantized q = model.quantizer().forward(z);
                            clock.mark("quantizer");
                            NDArray raw = model.decodeRaw(q.quantized());
                            clock.mark("decoder");
                            NDArray loss = PixelHead.toImage(raw).sub(x).square().mean()
                                    .add(Scalars.mul(PixelHead.logitLaplaceNll(raw, x), 0.1)).add(q.loss());
                            clock.mark("losses");
                            gc.backward(loss);
                            clock.mark("backward");
                        }
                        opt.step(1e-4f);
                        clock.mark("optimizer");
                    });
                    rows.add(row("train-step", b, s, 3 * (enc + dec), ceiling).withPhases(clock.medians()));
                    progress.progress(++done, total, "phases", "");
                    progress.checkCancelled();
                }
            }
            return new Result(spec.name(), Families.of(spec).title(), model.parameterCount(), rows,
                    MemoryProbe.peakRssBytes(), ceiling, null);
        }
    }

    /**
     * Encode and decode throughput of a model of an imported family at the shape of {@code spec}, random
     * weights: no training step, since these models are opened for inference only.
     */
    public static Result runImported(TokenizerSpec spec, int[] batches, int iterations, double ceiling, Progress progress) {
        List<Row> rows = new ArrayList<>();
        double enc = ImportedFlops.encode(spec), dec = ImportedFlops.decode(spec);
        int res = spec.resolution();
        long total = (long) batches.length * 2, done = 0;
        try (NDManager root = NDManager.newBaseManager(EngineRuntime.get().device())) {
            ImageTokenizer model = TokenizerStore.buildAny(root, spec);
            for (int b : batches) {
                NDArray x = root.randomUniform(-1, 1, new Shape(b, 3, res, res));
                rows.add(row("encode", b, time(iterations, () -> model.encode(x).toLongArray()), enc, ceiling));
                progress.progress(++done, total, "phases", "");
                NDArray grid = model.encode(x);
                rows.add(row("decode", b, time(iterations, () -> model.decode(grid).toFloatArray()), dec, ceiling));
                progress.progress(++done, total, "phases", "");
                grid.close();
                x.close();
                progress.checkCancelled();
            }
            return new Result(spec.name(), Families.of(spec).title(), model.parameterCount(), rows,
                    MemoryProbe.peakRssBytes(), ceiling, IMPORTED_NOTE);
        }
    }

    /**
     * A row timed over {@code body}, split into the laps the model marks ({@link Laps}: encoder and
     * quantizer, or lookup, decoder and pixels) and the read-back into Java after them.
     */
    private static Row lapped(String phase, int batch, double flopsPerImage, double ceiling, int iterations,
                              Runnable body) {
        PhaseClock clock = new PhaseClock(iterations);
        double s = time(iterations, i -> {
            clock.start(i);
            Laps.start();
            body.run();
            Laps.mark("read-back");
            clock.record(Laps.stop());
        });
        return row(phase, batch, s, flopsPerImage, ceiling).withPhases(clock.medians());
    }

    /** Seconds per call: the median of {@code n} timed calls after one warm-up, each in its own scope. */
    private static double time(int n, Runnable body) {
        return time(n, i -> body.run());
    }

    /** The same, telling the body which timed call it is (-1 for the warm-up). */
    private static double time(int n, java.util.function.IntConsumer body) {
        double[] t = new double[n];
        for (int i = -1; i < n; i++) {
            try (NDScope scope = new NDScope()) {
                long t0 = System.nanoTime();
                body.accept(i);
                if (i >= 0) {
                    t[i] = (System.nanoTime() - t0) / 1e9;
                }
            }
        }
        java.util.Arrays.sort(t);
        return t[n / 2];
    }

    private static Row row(String phase, int batch, double seconds, double flopsPerImage, double ceiling) {
        double gflops = flopsPerImage * batch / seconds / 1e9;
        return new Row(phase, batch, batch / seconds, gflops, ceiling > 0 ? gflops / ceiling : Double.NaN, Map.of());
    }
}
