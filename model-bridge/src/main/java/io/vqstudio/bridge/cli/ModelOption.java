package io.vqstudio.bridge.cli;

import java.nio.file.Path;
import io.vqstudio.bridge.io.DefaultModels;
import picocli.CommandLine.Option;

/** {@code --model}: the tokenizer to use. */
final class ModelOption {

    @Option(names = "--model", paramLabel = "M",
            description = "Tokenizer checkpoint directory or run directory, or another project's tokenizer file (converted in "
                    + "memory, as import-model does; default: the embedded default model).")
    Path model;

    Path tokenizer() {
        return DefaultModels.orDefault(model, DefaultModels.tokenizer(), "tokenizer", "--model");
    }
}
