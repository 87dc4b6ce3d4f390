package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.prior.LinearProbe;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code probe}: the paper's linear probe over a prior's layers. */
@Command(name = "probe", mixinStandardHelpOptions = true,
        description = "Linear-probe accuracy of a prior's features (ViT-VQGAN's unsupervised learning): for each layer, "
                + "average the token features over the grid, fit a logistic regression on the training grids of a token "
                + "file and report its accuracy on the held-out ones. The paper's curve peaks at middle layers.")
final class ProbeCommand implements Callable<Integer> {

    @Option(names = "--prior", required = true, paramLabel = "P", description = "Prior checkpoint or run directory.")
    Path prior;

    @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "Token file (from tokenize), with labels.")
    Path tokens;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|L[,L...]", description = "Layers (1-based). Default: ${DEFAULT-VALUE}")
    String layers;

    @Option(names = "--limit", converter = Checks.NonNegativeInt.class, defaultValue = "0", paramLabel = "N", description = "At most N grids per split (0 = all).")
    int limit;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        List<Integer> chosen = layers.equals("all") ? List.of()
                : java.util.Arrays.stream(layers.split(",")).map(String::trim).map(Integer::valueOf).toList();
        try (VqBridge bridge = engine.startBridge()) {
            List<LinearProbe.LayerResult> rows = JobRunner.await(bridge.probe(prior, tokens, chosen, limit), engine.json);
            if (engine.json) {
                Format.jsonFields("layers", rows);
            } else {
                System.out.println("layer  train acc  val acc");
                for (LinearProbe.LayerResult r : rows) {
                    System.out.printf("%5d  %8.1f%%  %6.1f%%%n", r.layer(), 100 * r.trainAccuracy(), 100 * r.validationAccuracy());
                }
            }
            return 0;
        }
    }
}
