package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.TokenFile;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tokenize}: a whole dataset to one compact token file. */
@Command(name = "tokenize", mixinStandardHelpOptions = true,
        description = "Encode a whole dataset into one token file (uint16 codes, labels, the tokenizer's identity) "
                + "for training priors. Streaming; run it again on the same file to resume after an interruption.")
final class TokenizeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "TOKENIZER", description = "Tokenizer checkpoint or run directory, or another project's tokenizer file (converted in memory).")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "Dataset (folder, zip or IDX).")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Token file to write (e.g. tokens.vqt).")
    Path out;

    @Option(names = "--validation", converter = Checks.Fraction.class, defaultValue = "0.05", paramLabel = "FRACTION",
            description = "Held-out fraction, by a hash of each file name (as in training). Default: ${DEFAULT-VALUE}")
    double validation;

    @Option(names = "--classes", split = ",", paramLabel = "ID,...",
            description = "Only these class ids (e.g. a visually distinct subset), relabelled 0.. in this order.")
    java.util.List<String> classes;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            TokenFile.Header h = JobRunner.awaitSaving(bridge.tokenize(model,
                    DataSpec.defaults(data).withValidationFraction(validation).withClasses(classes), out), engine.json);
            if (engine.json) {
                com.google.gson.JsonObject o = Json.tree(h);
                o.addProperty("out", out.toString());
                Format.json(o);
            } else {
                System.out.println(String.format("%s: %d grids of %dx%d codes (K = %d), %d classes, tokenizer %s", out,
                        h.count(), h.gridSize(), h.gridSize(), h.codebookSize(), h.classes().size(), h.tokenizerId()));
            }
            return 0;
        }
    }
}
