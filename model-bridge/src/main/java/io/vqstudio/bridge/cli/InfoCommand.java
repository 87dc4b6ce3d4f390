package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.EngineInfo;
import io.vqstudio.bridge.api.VqBridge;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code info}: versions, device, threads and the measured fp32 GEMM ceiling. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show versions, the device in use, engine threads, and measure the fp32 GEMM rate: "
                + "the ceiling all benchmarks report their MFU (model FLOP/s utilisation) against.")
final class InfoCommand implements Callable<Integer> {

    @Mixin
    EngineOptions engine;

    @Option(names = "--no-gemm", description = "Skip the GEMM measurement (a few seconds).")
    boolean noGemm;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            EngineInfo info = JobRunner.await(bridge.info(!noGemm), true);
            if (engine.json) {
                Format.json(info);
            } else {
                System.out.print(info.toText());
            }
            return 0;
        }
    }
}
