package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.io.DefaultModels;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The tokenizer + prior pair and sampling settings shared by sample and resample. */
final class PriorOptions {

    @Option(names = "--tokenizer", paramLabel = "T",
            description = "Tokenizer checkpoint or run directory (default: the embedded default).")
    Path tokenizer;

    @Option(names = "--prior", paramLabel = "P",
            description = "Prior checkpoint or run directory, AR or MaskGIT (default: the embedded AR prior, else the MaskGIT one).")
    Path prior;

    @Option(names = "--temperature", converter = Checks.PositiveFloat.class, paramLabel = "T", defaultValue = "1.0", description = "Softmax temperature. Default: ${DEFAULT-VALUE}")
    float temperature;

    @Option(names = "--top-k", converter = Checks.NonNegativeInt.class, paramLabel = "K", defaultValue = "0", description = "Keep the k most likely codes (0 = all). Default: ${DEFAULT-VALUE}")
    int topK;

    @Option(names = "--top-p", converter = Checks.Mass.class, paramLabel = "P", defaultValue = "1.0", description = "Nucleus sampling mass (1 = off). Default: ${DEFAULT-VALUE}")
    float topP;

    @Option(names = "--cfg", converter = Checks.NonNegativeFloat.class, paramLabel = "SCALE", defaultValue = "1.0", description = "Classifier-free guidance scale (1 = off). Default: ${DEFAULT-VALUE}")
    float cfg;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Same seed, same images. Default: ${DEFAULT-VALUE}")
    long seed;

    @Option(names = "--steps", converter = Checks.PositiveInt.class, paramLabel = "N", defaultValue = "10", description = "MaskGIT decoding steps. Default: ${DEFAULT-VALUE}")
    int steps;

    SamplingSpec sampling() {
        return new SamplingSpec(temperature, topK, topP, cfg, seed, steps);
    }

    /** Opens both models; returns the prior's info (its kind decides which prior runs). */
    PriorInfo open(VqBridge bridge) throws Exception {
        JobRunner.await(bridge.openTokenizer(DefaultModels.orDefault(tokenizer, DefaultModels.tokenizer(), "tokenizer",
                "--tokenizer")), true);
        Optional<Path> fallback = DefaultModels.prior(PriorKind.AR).or(() -> DefaultModels.prior(PriorKind.MASKGIT));
        return JobRunner.await(bridge.openPrior(DefaultModels.orDefault(prior, fallback, "prior", "--prior")), true);
    }

    static PriorKind kindOf(PriorInfo prior) {
        return prior.priorKind();
    }
}
