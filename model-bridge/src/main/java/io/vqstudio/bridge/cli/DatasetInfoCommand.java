package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.DatasetReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code dataset-info}: what a dataset holds, read in place. */
@Command(name = "dataset-info", mixinStandardHelpOptions = true,
        description = "Scan a dataset: a folder whose sub-folders are classes, a zip with the same layout, "
                + "or MNIST-style IDX files. Reports images per class, resolutions and unreadable files.")
final class DatasetInfoCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Folder, .zip or IDX path.")
    Path data;

    @Option(names = "--decode-threads", converter = Checks.Threads.class, defaultValue = "2", paramLabel = "N",
            description = "Threads decoding images. Default: ${DEFAULT-VALUE}")
    int decodeThreads;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            long t0 = System.nanoTime();
            DatasetReport report = JobRunner.await(bridge.datasetInfo(data, decodeThreads), engine.json);
            double secs = (System.nanoTime() - t0) / 1e9;
            if (engine.json) {
                Format.json(report);
            } else {
                System.out.print(report.toText());
                System.out.printf("Scanned in %.1f s (%.0f images/s)%n", secs, report.totalImages() / secs);
            }
            return 0;
        }
    }
}
