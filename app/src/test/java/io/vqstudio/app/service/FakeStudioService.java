package io.vqstudio.app.service;

import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.imports.ImageNetClasses;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import io.vqstudio.bridge.train.TrainSummary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A deterministic stand-in for the engine. Encoding: each cell's code is its mean colour
 * quantised to 8192 levels (5 bits red, 4 green, 4 blue); decoding paints each cell flat in its
 * code's colour. Priors shift codes and report made-up likelihoods. Jobs finish at once unless
 * {@link #hold} is set, in which case {@link #release()} finishes them.
 */
public final class FakeStudioService implements StudioService {

    public static final int K = 8192;
    public static final String TOKENIZER_ID = "tok-fake";
    public static final List<String> CLASSES = List.of("tabby cat", "golden retriever", "goldfish", "volcano",
            "lighthouse", "sunflower", "espresso", "red fox", "snowy owl", "monarch butterfly");

    private final int grid;
    private final int resolution;
    private final List<Runnable> held = new ArrayList<>();
    public boolean hold;
    public int decodeCalls;
    public FakeJob<TrainSummary> lastTraining;
    /** The class id of the last resample asked for, and how many were asked for. */
    public int lastResampleClass = Integer.MIN_VALUE;
    public int resampleCalls;
    /**
     * Milliseconds per grid row of a sample: above 0, a sample is drawn on its own thread row by row, as the
     * engine does (a progress event and a preview per row), and stops at the next row once cancelled.
     */
    public volatile long rowMillis;
    /** Rows the last slow sample has drawn, and its thread. */
    public final java.util.concurrent.atomic.AtomicInteger rowsDrawn = new java.util.concurrent.atomic.AtomicInteger();
    public volatile Thread sampler;
    public TokenizerTrainSpec lastTokenizerSpec;

    public FakeStudioService(int grid, int resolution) {
        this.grid = grid;
        this.resolution = resolution;
    }

    public FakeStudioService() {
        this(16, 64);
    }

    public static int encodeColour(int rgb) {
        return (rgb >> 19 & 31) << 8 | (rgb >> 12 & 15) << 4 | (rgb >> 4 & 15);
    }

    public static int colourOf(int code) {
        int r = (code >> 8) * 8 + 4, g = (code >> 4 & 15) * 16 + 8, b = (code & 15) * 16 + 8;
        return r << 16 | g << 8 | b;
    }

    public void release() {
        List<Runnable> now = List.copyOf(held);
        held.clear();
        now.forEach(Runnable::run);
    }

    private <R> StudioJob<R> job(String name, Supplier<R> work) {
        FakeJob<R> j = new FakeJob<>(name);
        j.emit(new JobEvent.Started(name, "fake"));
        Runnable finish = () -> {
            if (!j.result().isDone()) {
                try {
                    j.complete(work.get());
                } catch (RuntimeException e) {
                    j.fail(e.getMessage());
                }
            }
        };
        if (hold) {
            held.add(finish);
        } else {
            finish.run();
        }
        return j;
    }

    @Override
    public String device() {
        return "fake cpu";
    }

    @Override
    public String checkpointKind(Path checkpoint) throws IOException {
        String n = checkpoint.toString();
        if (n.contains("broken")) {
            throw new IOException("No checkpoint at " + checkpoint + " (expected a directory with spec.json)");
        }
        String family = importedFamily(checkpoint);
        if (family != null) {
            return isPriorFamily(family) ? "prior" : "tokenizer";
        }
        return n.contains("prior") ? "prior" : "tokenizer";
    }

    /**
     * Files named like PyTorch checkpoints are taming VQGANs, except those named "unknown" (refused),
     * "c2i..." (LlamaGen GPT priors) and "cin_transformer..." (taming's class-conditional transformer).
     */
    @Override
    public String importedFamily(Path path) throws IOException {
        String n = String.valueOf(path.getFileName());
        if (!n.matches(".*\\.(ckpt|pt|pth|bin|safetensors)")) {
            return null;
        }
        if (n.contains("unknown")) {
            throw new IOException(n + " holds weights of no model family the studio imports (keys such as a.weight)");
        }
        return n.startsWith("c2i") ? "llamagen-gpt" : n.startsWith("cin_transformer") ? "taming-gpt" : "taming-vqgan";
    }

    private static boolean isPriorFamily(String family) {
        return family.equals("llamagen-gpt") || family.equals("taming-gpt");
    }

    @Override
    public StudioJob<TokenizerInfo> openTokenizer(Path checkpoint) {
        String file = String.valueOf(checkpoint.getFileName());
        if (file.endsWith(".ckpt")) {
            return job("import", () -> {
                if (file.contains("mismatch")) {
                    throw new IllegalArgumentException(file + ": missing keys encoder.conv_in.weight (128, 3, 3, 3)");
                }
                // A taming cond-transformer file's first stage: the codes its prior models (the fake's own).
                String id = file.startsWith("cin_transformer") ? TOKENIZER_ID : "tok-imported";
                return new TokenizerInfo("vqgan_imagenet_f16_1024", "taming-vqgan", false, id, checkpoint,
                        "{\"family\":\"taming-vqgan\"}", "# imported", grid, K, resolution, 91_000_000, 0,
                        file + " (91.0 MB, sha256 0123456789ab...) from taming-transformers");
            });
        }
        // A real spec of its shape (vit-cpu: 64 px, 16x16 tokens, 8192 codes) where it has that shape.
        String spec = grid == 16 && resolution == 64 ? Json.GSON.toJson(Families.tokenizerPreset("vit-cpu").withName("fake-vit"))
                : "{\"name\":\"fake-vit\",\"resolution\":" + resolution + ",\"quantizer\":{\"codebookSize\":" + K + "}}";
        return job("open tokenizer", () -> new TokenizerInfo("fake-vit", "vit-vqgan", true, TOKENIZER_ID, checkpoint, spec,
                "# Fake tokenizer\nA colour quantiser for tests.", grid, K, resolution, 1234, 0, ""));
    }

    @Override
    public StudioJob<PriorInfo> openPrior(Path checkpoint) {
        String n = checkpoint.toString();
        String file = String.valueOf(checkpoint.getFileName());
        if (file.startsWith("c2i") || file.startsWith("cin_transformer")) {
            return importPrior(checkpoint, file);
        }
        boolean maskgit = n.contains("maskgit");
        String tokId = n.contains("other") ? "tok-other" : TOKENIZER_ID;
        return job("open prior", () -> new PriorInfo(maskgit ? "fake-maskgit" : "fake-vim", "transformer",
                maskgit ? PriorKind.MASKGIT : PriorKind.AR, "prior-1", tokId, checkpoint,
                "{\"kind\":\"" + (maskgit ? "MASKGIT" : "AR") + "\"}", "# Fake prior", grid, K, CLASSES, 99, 0, true, ""));
    }

    /** A LlamaGen GPT (null class, guidance) or a taming transformer (no null class) over ImageNet's 1,000 classes. */
    private StudioJob<PriorInfo> importPrior(Path checkpoint, String file) {
        boolean llamagen = file.startsWith("c2i");
        return job("import prior", () -> {
            if (file.contains("mismatch")) {
                throw new IllegalArgumentException(file + " models 16,384 codes, not the 8,192 of the open tokenizer fake-vit");
            }
            return new PriorInfo(file.substring(0, file.indexOf('.')), llamagen ? "llamagen-gpt" : "taming-gpt",
                    PriorKind.AR, "prior-" + file, TOKENIZER_ID, checkpoint, "{\"family\":\"" + (llamagen ? "llamagen-gpt"
                    : "taming-gpt") + "\"}", "# imported prior", grid, K, ImageNetClasses.names(),
                    llamagen ? 111_302_656L : 1_405_000_000L, 0, llamagen,
                    file + " (444.6 MB, sha256 ab12cd34...) from " + (llamagen ? "LlamaGen" : "taming-transformers"));
        });
    }

    @Override
    public StudioJob<List<TokenGrid>> encode(List<RgbImage> images) {
        return job("encode", () -> images.stream().map(this::encodeOne).toList());
    }

    private TokenGrid encodeOne(RgbImage img) {
        if (img.width() != resolution || img.height() != resolution) {
            throw new IllegalArgumentException("expected " + resolution + "px images");
        }
        int cell = resolution / grid;
        int[] codes = new int[grid * grid];
        for (int r = 0; r < grid; r++) {
            for (int c = 0; c < grid; c++) {
                long sr = 0, sg = 0, sb = 0;
                for (int y = 0; y < cell; y++) {
                    for (int x = 0; x < cell; x++) {
                        int p = img.get(c * cell + x, r * cell + y);
                        sr += p >> 16 & 255;
                        sg += p >> 8 & 255;
                        sb += p & 255;
                    }
                }
                int n = cell * cell;
                codes[r * grid + c] = encodeColour((int) (sr / n) << 16 | (int) (sg / n) << 8 | (int) (sb / n));
            }
        }
        return new TokenGrid(grid, codes, K);
    }

    @Override
    public StudioJob<List<RgbImage>> decode(List<TokenGrid> grids) {
        decodeCalls++;
        return job("decode", () -> grids.stream().map(this::decodeOne).toList());
    }

    public RgbImage decodeOne(TokenGrid g) {
        int cell = resolution / g.size();
        int[] px = new int[resolution * resolution];
        for (int y = 0; y < resolution; y++) {
            for (int x = 0; x < resolution; x++) {
                px[y * resolution + x] = colourOf(g.get(y / cell, x / cell));
            }
        }
        return new RgbImage(resolution, resolution, px);
    }

    @Override
    public StudioJob<List<TokenGrid>> sample(PriorKind kind, int classId, int count, SamplingSpec spec) {
        FakeJob<List<TokenGrid>> j = new FakeJob<>("sample");
        List<TokenGrid> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] codes = new int[grid * grid];
            for (int c = 0; c < codes.length; c++) {
                int base = (int) ((classId + 1) * 811 + spec.seed() * 31 + i * 97);
                codes[c] = Math.floorMod(base + (c / grid) * 16 + (c % grid), K);
            }
            out.add(new TokenGrid(grid, codes, K));
        }
        if (rowMillis > 0) {
            sampleSlowly(j, out);
            return j;
        }
        for (int i = 0; i < count; i++) {
            j.emit(new JobEvent.Preview("sample " + i, decodeOne(out.get(i))));
        }
        finish(j, out);
        return j;
    }

    /** One row every {@link #rowMillis} on a thread of its own, with the engine's progress and previews. */
    private void sampleSlowly(FakeJob<List<TokenGrid>> j, List<TokenGrid> out) {
        rowsDrawn.set(0);
        j.emit(new JobEvent.Started("sample", "fake"));
        int grey = encodeColour(0x808080);
        Thread t = new Thread(() -> {
            for (int row = 1; row <= grid; row++) {
                try {
                    Thread.sleep(rowMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (j.isCancelled()) {
                    return;
                }
                j.emit(new JobEvent.Progress((long) row * grid, (long) grid * grid, "cells", ""));
                for (int i = 0; i < out.size(); i++) {
                    int[] codes = out.get(i).codes();
                    java.util.Arrays.fill(codes, row * grid, codes.length, grey);
                    j.emit(new JobEvent.Preview("sample " + i, decodeOne(new TokenGrid(grid, codes, K))));
                }
                rowsDrawn.set(row);
            }
            j.complete(out);
        }, "fake-engine");
        t.setDaemon(true);
        sampler = t;
        t.start();
    }

    @Override
    public StudioJob<List<Candidate>> resample(PriorKind kind, TokenGrid g, boolean[] mask, int classId, int count,
                                               SamplingSpec spec) {
        resampleCalls++;
        lastResampleClass = classId;
        FakeJob<List<Candidate>> j = new FakeJob<>("resample");
        List<Candidate> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int[] codes = g.codes();
            for (int c = 0; c < codes.length; c++) {
                if (mask[c]) {
                    codes[c] = (codes[c] + 1 + i * 37) % K;
                }
            }
            TokenGrid cand = new TokenGrid(g.size(), codes, K);
            out.add(new Candidate(cand, -1.5 * (i + 1)));
            j.emit(new JobEvent.Preview("candidate " + i, decodeOne(cand)));
        }
        finish(j, out);
        return j;
    }

    private <R> void finish(FakeJob<R> j, R value) {
        if (hold) {
            held.add(() -> j.complete(value));
        } else {
            j.complete(value);
        }
    }

    @Override
    public StudioJob<double[]> nllMap(PriorKind kind, TokenGrid g) {
        return job("nll", () -> {
            double[] m = new double[g.size() * g.size()];
            for (int i = 0; i < m.length; i++) {
                m[i] = g.codes()[i] % 7;
            }
            return m;
        });
    }

    @Override
    public StudioJob<TrainSummary> trainTokenizer(RunPlan<TokenizerTrainSpec> plan, Path runDir, boolean resume) {
        TokenizerTrainSpec spec;
        try {
            spec = plan.resolve(runDir, resume);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        lastTokenizerSpec = spec;
        FakeJob<TrainSummary> j = new FakeJob<>("train tokenizer");
        lastTraining = j;
        j.emit(new JobEvent.Started("train tokenizer", "fake"));
        for (int step = 10; step <= 30; step += 10) {
            j.emit(new JobEvent.Progress(step, spec.steps(), "steps", ""));
            j.emit(new JobEvent.Metrics(step, Map.of("train/rec_loss", 1.0 / step, "train/g_loss", 0.5 / step)));
            j.emit(new JobEvent.Metrics(step, Map.of("val/psnr", 20.0 + step / 10.0, "val/ssim", 0.5,
                    "val/codebook_usage", 0.1 * step / 10)));
        }
        int[] codes = new int[grid * grid];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (i * 523 + (i / grid) * 1031) % K;
        }
        j.emit(new JobEvent.Preview("reconstructions at step 30", decodeOne(new TokenGrid(grid, codes, K))));
        j.emit(new JobEvent.CheckpointSaved(30, runDir.resolve("checkpoint")));
        if (!hold) {
            j.complete(new TrainSummary(30, 1.0, null, runDir.resolve("checkpoint"), ""));
        }
        return j;
    }

    @Override
    public StudioJob<TrainSummary> trainPrior(PriorTrainRequest request, Path runDir, boolean resume) {
        return job("train prior", () -> new TrainSummary(request.steps(), 1.0, null, runDir.resolve("checkpoint"), ""));
    }

    @Override
    public void close() {
        held.clear();
    }
}
