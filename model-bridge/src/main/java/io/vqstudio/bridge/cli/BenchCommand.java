package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.bench.PriorBench;
import io.vqstudio.bridge.bench.TokenizerBench;
import io.vqstudio.bridge.runtime.GemmBenchmark;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
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
            description = "Encode, decode and training-step throughput of a tokenizer preset at several batch sizes.")
    static final class Tokenizer implements Callable<Integer> {

        @Option(names = "--preset", paramLabel = "NAME", defaultValue = "vit-cpu", description = "Tokenizer preset. Default: ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--batches", converter = Checks.PositiveInt.class, paramLabel = "B,...", defaultValue = "1,8,32", split = ",", description = "Batch sizes. Default: ${DEFAULT-VALUE}")
        int[] batches;

        @Option(names = "--iterations", converter = Checks.PositiveInt.class, paramLabel = "N", defaultValue = "5", description = "Timed calls per measurement (median). Default: ${DEFAULT-VALUE}")
        int iterations;

        @Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            TrainableTokenizerSpec spec = Families.tokenizerPreset(preset);
            try (VqBridge bridge = engine.startBridge()) {
                TokenizerBench.Result r = JobRunner.await(bridge.submit("bench tokenizer", ctx -> {
                    double ceiling = GemmBenchmark.measureGflops(bridge.runtime().device(), 1024, 5);
                    return TokenizerBench.run(spec, batches, iterations, ceiling, ctx);
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

    @Command(name = "prior", mixinStandardHelpOptions = true,
            description = "Sampling (AR with and without the KV cache, MaskGIT at 8 and 12 steps), a class-conditional "
                    + "sample and training-step throughput of an AR and a MaskGIT preset, random weights.")
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
