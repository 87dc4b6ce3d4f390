package io.vqstudio.bridge.taminggpt;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorImporter;
import io.vqstudio.bridge.taming.TamingImporter;
import io.vqstudio.bridge.taming.TamingYaml;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;

/**
 * taming-transformers' class-conditional transformer checkpoints ({@code Net2NetTransformer}, e.g. the
 * {@code cin_transformer} download): recognised by minGPT's keys under {@code transformer.}; the
 * heads, classes and first stage from the project's yaml beside the file (or {@code --heads}). The
 * same file carries its first stage under {@code first_stage_model.}, which imports as its taming
 * VQGAN tokenizer.
 */
public final class TamingGptImporter implements PriorImporter<TamingGptSpec> {

    private final TamingImporter tokenizers = new TamingImporter();

    @Override
    public String project() {
        return tokenizers.project();
    }

    @Override
    public String licence() {
        return tokenizers.licence();
    }

    @Override
    public boolean recognises(StateDict sd) {
        return TamingGptSpec.recognises(sd);
    }

    @Override
    public Path configBeside(Path checkpoint) {
        return TamingYaml.findBeside(checkpoint);
    }

    @Override
    public Inferred<TamingGptSpec> infer(StateDict sd, Path configOrNull, Integer gridOrNull, Integer headsOrNull,
                                         int tokenizerGrid) throws IOException {
        Inferred<TamingGptSpec> found = TamingGptSpec.infer(sd, configOrNull, headsOrNull);
        if (gridOrNull != null && gridOrNull != found.spec().gridSize()) {
            throw new ImportException(sd.file(), "models " + found.spec().gridSize() + "x" + found.spec().gridSize()
                    + " grids (its first stage's), not the " + gridOrNull + "x" + gridOrNull + " asked for; leave --grid out");
        }
        return found;
    }

    /** Net2NetTransformer checkpoints hold the first stage under {@code first_stage_model.}. */
    @Override
    public boolean carriesTokenizer() {
        return true;
    }

    @Override
    public Prior load(StateDict sd, TamingGptSpec spec, NDManager m) throws IOException {
        return TamingGpt.load(sd, spec, m).asPrior();
    }
}
