package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.train.EvalResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code eval-tokenizer}: reconstruction quality and codebook statistics on held-out images. */
@Command(name = "eval-tokenizer", mixinStandardHelpOptions = true,
        description = "Evaluate a tokenizer on the held-out part of a dataset: PSNR, SSIM, L1, L2, codebook usage, "
                + "perplexity and, with --perceptual, the Frechet distance in that network's feature space.")
final class EvalTokenizerCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "RUN_DIR|DIR", description = "Tokenizer checkpoint or run directory, or another project's tokenizer file (converted in memory).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Dataset (folder, zip or IDX).")
    Path data;

    @Option(names = "--limit", converter = Checks.NonNegativeInt.class, defaultValue = "0", paramLabel = "N", description = "At most N images (0 = all held-out images).")
    int limit;

    @Option(names = "--validation", converter = Checks.EvalFraction.class, defaultValue = "0.05", paramLabel = "FRACTION",
            description = "The held-out fraction, as in training; 1 evaluates every image (a separate test set). "
                    + "Default: ${DEFAULT-VALUE}")
    double validation;

    @Option(names = "--perceptual", paramLabel = "PATH", description = "Feature network (Tiny Darknet) for the Frechet distance.")
    Path perceptual;

    @Option(names = "--grid", paramLabel = "PNG",
            description = "Also write a sheet of held-out images spread over the classes (top row) over their reconstructions.")
    Path grid;

    @Option(names = "--grid-with", split = ",", paramLabel = "TOKENIZER",
            description = "Other tokenizers whose reconstructions of the same images go in rows between (e.g. an earlier version).")
    List<Path> gridWith;

    @Option(names = "--grid-columns", converter = Checks.PositiveInt.class, defaultValue = "8", paramLabel = "N", description = "Images in the sheet. Default: ${DEFAULT-VALUE}")
    int gridColumns;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            DataSpec spec = DataSpec.defaults(data).withValidationFraction(validation).withFlip(false);
            EvalResult r = JobRunner.await(bridge.evaluateTokenizer(model, spec, limit, perceptual), engine.json);
            if (!engine.json) {
                System.out.println(r.toText());
            }
            if (grid != null) {
                List<Path> rows = new ArrayList<>(gridWith == null ? List.of() : gridWith);
                rows.add(model);
                RgbImage sheet = JobRunner.await(bridge.reconstructionSheet(rows, spec, gridColumns), engine.json);
                ImageFiles.writePng(sheet, grid);
                if (!engine.json) {
                    System.out.println("wrote " + grid + ": " + gridColumns + " held-out images over the reconstructions of "
                            + rows.size() + " tokenizer(s)");
                }
            }
            if (engine.json) {
                com.google.gson.JsonObject o = Json.tree(r);
                o.addProperty("grid", grid == null ? null : grid.toString());
                Format.json(o);
            }
            return 0;
        }
    }
}
