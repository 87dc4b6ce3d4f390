package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.bench.PriorBench;
import io.vqstudio.bridge.bench.TokenizerBench;
import io.vqstudio.bridge.runtime.GemmBenchmark;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: measured throughput and MFU; printed, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Tokenizer.class, BenchCommand.Prior.class},
        description = "Benchmarks: images/s, model FLOP/s and MFU against the measured GEMM ceiling, peak memory.")
final class BenchCommand {

    @Command(name = "tokenizer", mixinStandardHelpOptions = true,
            description = "Encode, decode and training-step throughput of a tokenizer preset at several batch sizes. "
                    + "The imported families' published models (taming's vqgan_imagenet_f16_*, LlamaGen's vq_ds*, "
                    + "enhancing-transformers' imagenet_vitvq_*) run at their real shapes with random weights: "
                    + "encode and decode only, as they are never trained here. --list names every preset.")
    static final class Tokenizer implements Callable<Integer> {

        /** Batches of the imported families: their 256 px feature maps take 32 MiB an image and channel block. */
        static final int[] IMPORTED_BATCHES = {1, 4};

        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "vit-cpu", description = "Tokenizer preset (see --list). Default: ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--list", description = "List every preset with its family, image side and grid, then exit.")
        boolean list;

        @Option(names = "--batches", converter = Checks.PositiveInt.class, paramLabel = "B,...", split = ",",
                description = "Batch sizes. Default: 1,8,32; 1,4 for the imported families (256 px models: a batch of 4 "
                        + "already holds gigabytes of feature maps, and each image takes seconds on a CPU)")
        int[] batches;

        @Option(names = "--iterations", converter = Checks.PositiveInt.class, paramLabel = "N",
                description = "Timed calls per measurement (median), after one untimed. Default: 5; 2 for the imported families")
        Integer iterations;

        @Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            if (list) {
                System.out.print(presetList());
                return 0;
            }
            TrainableTokenizerSpec ours = Families.tokenizerPresets().get(preset);
            TokenizerSpec imported = Families.importedPresets().get(preset);
            if (ours == null && imported == null) {
                throw new IllegalArgumentException("Unknown tokenizer preset '" + preset + "'. Presets: "
                        + String.join(", ", Families.tokenizerPresets().keySet()) + "; imported: "
                        + String.join(", ", Families.importedPresets().keySet()) + " (bench tokenizer --list)");
            }
            int[] b = batches != null ? batches : ours != null ? new int[] {1, 8, 32} : IMPORTED_BATCHES;
            int n = iterations != null ? iterations : ours != null ? 5 : 2;
            try (VqBridge bridge = engine.startBridge()) {
                TokenizerBench.Result r = JobRunner.await(bridge.submit("bench tokenizer", ctx -> {
                    double ceiling = GemmBenchmark.measureGflops(bridge.runtime().device(), 1024, 5);
                    return ours != null ? TokenizerBench.run(ours, b, n, ceiling, ctx)
                            : TokenizerBench.runImported(imported, b, n, ceiling, ctx);
                }), engine.json);
                if (engine.json) {
                    Format.json(r);
                } else {
                    System.out.print(r.toText());
                }
                return 0;
            }
        }

        /** One line a preset: name, family, image side -> grid, codes; ours first, then the imported. */
        static String presetList() {
            StringBuilder sb = new StringBuilder(String.format("%-26s %-34s %s%n", "preset", "family", "images -> grid, codes"));
            Map<String, TokenizerSpec> all = new LinkedHashMap<>(Families.tokenizerPresets());
            all.putAll(Families.importedPresets());
            all.forEach((name, s) -> sb.append(String.format("%-26s %-34s %d px -> %dx%d, %d%s%n", name, Families.of(s).title(),
                    s.resolution(), s.gridSize(), s.gridSize(), s.codebookSize(),
                    Families.of(s).imported() ? " (imported: encode and decode only)" : "")));
            return sb.toString();
        }
    }

    @Command(name = "prior", mixinStandardHelpOptions = true,
            description = "Sampling (AR with and without the KV cache, MaskGIT at 8 and 12 steps), a class-conditional "
                    + "sample and training-step throughput of an AR and a MaskGIT preset, random weights; then each AR family "
                    + "at its published size (ours, LlamaGen GPT-B 16x16) samples a class-conditional grid with guidance: "
                    + "seconds, ms per token against the weight-bandwidth bound (memory bandwidth measured in the same run) "
                    + "and per phase.")
    static final class Prior implements Callable<Integer> {

        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "ar-cpu",
                description = "AR prior preset; the MaskGIT preset of the same size is measured beside it. "
                        + "Default: ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--grid", converter = Checks.PositiveInt.class, paramLabel = "SIDE", defaultValue = "16", description = "Grid side for MaskGIT sampling, the "
                + "class-conditional sample and training (AR sampling always runs 16x16 and 32x32). Default: ${DEFAULT-VALUE}")
        int grid;

        @Option(names = "--codes", converter = Checks.CodebookSize.class, paramLabel = "K", defaultValue = "8192", description = "Codebook size. Default: ${DEFAULT-VALUE}")
        int codes;

        @Option(names = "--classes", converter = Checks.NonNegativeInt.class, paramLabel = "N", defaultValue = "200", description = "Number of classes. Default: ${DEFAULT-VALUE}")
        int classes;

        @Option(names = "--iterations", converter = Checks.PositiveInt.class, paramLabel = "N", defaultValue = "3",
                description = "Timed training steps (median). Default: ${DEFAULT-VALUE}")
        int iterations;

        @Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            // "ar-cpu" pairs with "maskgit-cpu"; the paper's sizes (vim-base, vim-large) share their name.
            String maskGit = preset.startsWith("ar-") ? "maskgit-" + preset.substring(3) : preset;
            try (VqBridge bridge = engine.startBridge()) {
                PriorBench.Result r = JobRunner.await(bridge.submit("bench prior", ctx -> {
                    double ceiling = GemmBenchmark.measureGflops(bridge.runtime().device(), 1024, 5);
                    return PriorBench.run(preset, maskGit, grid, codes, classes, iterations, ceiling, ctx);
                }), engine.json);
                if (engine.json) {
                    Format.json(r);
                } else {
                    System.out.print(r.toText());
                }
                return 0;
            }
        }
    }
}
