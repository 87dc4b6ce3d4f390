package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.EvalResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval-tokenizer}: reconstruction quality and codebook statistics on held-out images. */
@Command(name = "eval-tokenizer", mixinStandardHelpOptions = true,
        description = {"Evaluate a tokenizer on the held-out part of a dataset: PSNR, SSIM, L1, L2, codebook usage,",
                "perplexity and, with --perceptual, the Frechet distance in that network's feature space."})
final class EvalTokenizerCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|DIR", description = "Tokenizer checkpoint or run directory.")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Dataset (folder, zip or IDX).")
    Path data;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "At most N images (0 = all held-out images).")
    int limit;

    @Option(names = "--validation", defaultValue = "0.05", paramLabel = "FRACTION",
            description = "The held-out fraction, as in training. Default: ${DEFAULT-VALUE}")
    double validation;

    @Option(names = "--perceptual", paramLabel = "PATH", description = "Feature network (Tiny Darknet) for the Frechet distance.")
    Path perceptual;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            DataSpec spec = DataSpec.defaults(data).withValidationFraction(validation).withFlip(false);
            EvalResult r = JobRunner.await(bridge.evaluateTokenizer(model, spec, limit, perceptual), engine.json);
            System.out.println(engine.json ? Json.GSON.toJson(r) : r.toText());
            return 0;
        }
    }
}
