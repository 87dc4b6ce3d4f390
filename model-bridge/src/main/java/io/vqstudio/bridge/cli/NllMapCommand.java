package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nll-map}: which tokens of an image the prior finds unlikely. */
@Command(name = "nll-map", mixinStandardHelpOptions = true,
        description = "Per-token negative log-likelihood of an image's token grid under a prior (AR: causal; "
                + "MaskGIT: each token masked alone). Writes a JSON grid, or a heat-map PNG when FILE ends in .png.")
final class NllMapCommand implements Callable<Integer> {

    @Mixin
    PriorOptions models;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .json or .png.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            PriorInfo prior = models.open(bridge);
            TokenGrid grid = JobRunner.await(bridge.encode(List.of(ImageFiles.read(image))), true).get(0);
            double[] nll = JobRunner.await(bridge.nllMap(PriorOptions.kindOf(prior), grid), true);
            int g = grid.size();
            if (out.toString().endsWith(".png")) {
                ImageFiles.writePng(Heatmap.of(nll, g, 16), out);
            } else {
                double[][] rows = new double[g][g];
                for (int i = 0; i < nll.length; i++) {
                    rows[i / g][i % g] = nll[i];
                }
                Files.writeString(out, Json.outputLine(rows) + "\n");
            }
            double mean = java.util.Arrays.stream(nll).average().orElse(0);
            if (engine.json) {
                Format.jsonFields("out", out, "meanNats", mean, "meanBits", mean / Math.log(2));
            } else {
                System.out.printf("wrote %s  mean %.3f nats (%.3f bits) per token%n", out, mean, mean / Math.log(2));
            }
            return 0;
        }
    }
}
