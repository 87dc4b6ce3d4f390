package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.io.ModelExport;
import io.vqstudio.bridge.io.SafeTensors;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code export-model}: a shippable copy of a checkpoint (e.g. into assets/models). */
@Command(name = "export-model", mixinStandardHelpOptions = true,
        description = "Copy a tokenizer or prior checkpoint into a slim one to ship (spec, weights, model card, classes; "
                + "no optimiser state or discriminator), in float16 with --half, with the large matrices in int8 with --int8. "
                + "The model keeps its identity.")
final class ExportCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M", description = "Checkpoint or run directory.")
    Path model;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Target: a new or empty folder, or a checkpoint to replace (atomically). "
            + "Refused when it holds anything else, holds the source, or is the source.")
    Path out;

    @Option(names = "--half", description = "Store the weights as float16.")
    boolean half;

    @Option(names = "--int8", description = "float16, and matrices of a million weights or more (a prior's code embedding "
            + "and output layer) as int8 with a float16 scale per row.")
    boolean int8;

    @Option(names = "--card", paramLabel = "FILE", description = "A model card to ship instead of the checkpoint's.")
    Path card;

    @Option(names = "--json", description = "Print the result, or the error, as one JSON object on stdout.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        EngineRuntime.start(RuntimeSpec.defaults());
        long bytes = ModelExport.export(model, out, int8 ? SafeTensors.Storage.INT8
                : half ? SafeTensors.Storage.F16 : SafeTensors.Storage.F32, card);
        if (json) {
            Format.jsonFields("model", model, "out", out, "bytes", bytes);
        } else {
            System.out.printf("exported %s to %s (%.1f MB)%n", model, out, bytes / 1e6);
        }
        return 0;
    }
}
