package io.vqstudio.bridge.llamagen;

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

/** Reads LlamaGen's VQ tokenizer checkpoints; see the package documentation. */
public final class LlamaGenImporter implements Importer<LlamaGenVqSpec> {

    @Override
    public String project() {
        return "LlamaGen (Sun et al. 2024; github.com/FoundationVision/LlamaGen)";
    }

    @Override
    public String licence() {
        return "LlamaGen's README states that the majority of the project is under the MIT licence, portions under the"
                + " licences of the projects they come from; the tokenizer weights are published beside the code with no"
                + " other terms stated, so MIT is what the project states for them.";
    }

    /** LlamaGen's encoder groups: {@code encoder.conv_blocks.}. */
    @Override
    public boolean recognises(StateDict sd) {
        return Keys.hasKey(sd, "encoder.conv_blocks.");
    }

    /** LlamaGen saves no config with its tokenizers. */
    @Override
    public Path configBeside(Path checkpoint) {
        return null;
    }

    @Override
    public Inferred<LlamaGenVqSpec> infer(StateDict sd, Path configOrNull) throws IOException {
        if (configOrNull != null) {
            throw new ImportException(configOrNull, "is not read: LlamaGen's VQ checkpoints have no config, everything is"
                    + " read off the weights; leave --config out");
        }
        return LlamaGenInference.infer(sd);
    }

    @Override
    public LlamaGenVqSpec atResolution(StateDict sd, LlamaGenVqSpec spec, int side) throws ImportException {
        try {
            return spec.withResolution(side);
        } catch (SpecException e) {
            throw new ImportException(sd.file(), "cannot run at " + side + " px: " + e.getMessage());
        }
    }

    @Override
    public ImageTokenizer load(StateDict sd, LlamaGenVqSpec spec, NDManager m) throws IOException {
        return LlamaGenVqTokenizer.load(sd, spec, m);
    }
}
