package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.bench.TokenizerBench;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.runtime.GemmBenchmark;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: measured throughput and MFU; printed, never asserted. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchCommand.Tokenizer.class,
        description = "Benchmarks: images/s, model FLOP/s and MFU against the measured GEMM ceiling, peak memory.")
final class BenchCommand {

    @Command(name = "tokenizer", mixinStandardHelpOptions = true,
            description = "Encode, decode and training-step throughput of a tokenizer preset at several batch sizes.")
    static final class Tokenizer implements Callable<Integer> {

        @Option(names = "--preset", defaultValue = "vit-cpu", description = "Tokenizer preset. Default: ${DEFAULT-VALUE}")
        String preset;

        @Option(names = "--batches", defaultValue = "1,8,32", split = ",", description = "Batch sizes. Default: ${DEFAULT-VALUE}")
        int[] batches;

        @Option(names = "--iterations", defaultValue = "5", description = "Timed calls per measurement (median). Default: ${DEFAULT-VALUE}")
        int iterations;

        @Mixin
        EngineOptions engine;

        @Override
        public Integer call() throws Exception {
            TokenizerSpec spec = TokenizerSpec.preset(preset);
            try (VqBridge bridge = engine.startBridge()) {
                TokenizerBench.Result r = JobRunner.await(bridge.submit("bench tokenizer", ctx -> {
                    double ceiling = GemmBenchmark.measureGflops(bridge.runtime().device(), 1024, 5);
                    return TokenizerBench.run(spec, batches, iterations, ceiling, ctx);
                }), engine.json);
                System.out.print(engine.json ? Json.GSON.toJson(r) + "\n" : r.toText());
                return 0;
            }
        }
    }
}
