package io.vqstudio.bridge.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --model}: the tokenizer to use. */
final class ModelOption {

    @Option(names = "--model", required = true, paramLabel = "M",
            description = "Tokenizer checkpoint directory or run directory.")
    Path model;

    Path tokenizer() {
        return model;
    }
}
