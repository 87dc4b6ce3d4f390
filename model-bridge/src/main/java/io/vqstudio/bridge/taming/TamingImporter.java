package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Importer;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.Keys;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/** Reads taming-transformers' VQGAN checkpoints; see the package documentation. */
public final class TamingImporter implements Importer<TamingVqganSpec> {

    @Override
    public String project() {
        return "taming-transformers (Esser, Rombach and Ommer 2021; github.com/CompVis/taming-transformers)";
    }

    @Override
    public String licence() {
        return "taming-transformers' code is published under the MIT licence; its README links the pretrained"
                + " checkpoints without a separate licence for them, so the MIT terms are the only ones the project"
                + " states. Check the terms of the source you got the weights from before redistributing them.";
    }

    /** taming's encoder levels ({@code encoder.down.}) and plain codebook ({@code quantize.embedding.weight}). */
    @Override
    public boolean recognises(StateDict sd) {
        return Keys.hasKey(sd, "encoder.down.") && Keys.hasKey(sd, "quantize.embedding.weight");
    }

    @Override
    public Path configBeside(Path checkpoint) {
        return TamingYaml.findBeside(checkpoint);
    }

    @Override
    public Inferred<TamingVqganSpec> infer(StateDict sd, Path configOrNull) throws IOException {
        return TamingInference.infer(sd, configOrNull == null ? null : TamingYaml.read(configOrNull));
    }

    @Override
    public TamingVqganSpec atResolution(StateDict sd, TamingVqganSpec spec, int side) throws ImportException {
        try {
            return spec.withResolution(side);
        } catch (SpecException e) {
            throw new ImportException(sd.file(), "cannot run at " + side + " px: " + e.getMessage());
        }
    }

    @Override
    public ImageTokenizer load(StateDict sd, TamingVqganSpec spec, NDManager m) throws IOException {
        return TamingVqganTokenizer.load(sd, spec, m);
    }
}
