package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.train.PriorEvaluator;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval-prior}: held-out bits per token of a prior (e.g. to check a float16 export). */
@Command(name = "eval-prior", mixinStandardHelpOptions = true,
        description = "Evaluate a prior on the held-out grids of a token file made by its tokenizer: bits per token "
                + "against the unigram entropy of the codes (what a model that ignores context needs).")
final class EvalPriorCommand implements Callable<Integer> {

    @Option(names = "--prior", required = true, paramLabel = "P", description = "Prior checkpoint or run directory.")
    Path prior;

    @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "Token file (from tokenize).")
    Path tokens;

    @Option(names = "--limit", converter = Checks.NonNegativeInt.class, defaultValue = "0", paramLabel = "N", description = "At most N held-out grids (0 = all).")
    int limit;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            PriorEvaluator.Result r = JobRunner.await(bridge.evaluatePrior(prior, tokens, limit), engine.json);
            if (engine.json) {
                Format.json(r);
            } else {
                System.out.print(r.toText());
            }
            return 0;
        }
    }
}
