package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.Keys;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.PriorImporter;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * LlamaGen's class-conditional GPT checkpoints ({@code c2i_B_256.pt} ... {@code c2i_XXL_384.pt}):
 * recognised by the fused attention and class table keys; the grid from the file name's image
 * side, else the user's {@code --grid}, else the tokenizer's; everything else off the weights.
 */
public final class LlamaGptImporter implements PriorImporter<LlamaGptSpec> {

    @Override
    public String project() {
        return "LlamaGen (Sun et al. 2024; github.com/FoundationVision/LlamaGen)";
    }

    @Override
    public String licence() {
        return "LlamaGen's README states that the majority of the project is under the MIT licence, portions under the"
                + " licences of the projects they come from; the GPT weights are published beside the code with no"
                + " other terms stated, so MIT is what the project states for them.";
    }

    @Override
    public boolean recognises(StateDict sd) {
        return Keys.hasKey(sd, "cls_embedding.embedding_table.weight") && Keys.hasKey(sd, "attention.wqkv.weight");
    }

    /** LlamaGen saves no config with its GPTs. */
    @Override
    public Path configBeside(Path checkpoint) {
        return null;
    }

    @Override
    public Inferred<LlamaGptSpec> infer(StateDict sd, Path configOrNull, Integer gridOrNull, Integer headsOrNull,
            int tokenizerGrid)
            throws IOException {
        if (configOrNull != null) {
            throw new ImportException(configOrNull, "is not read: LlamaGen's GPT checkpoints have no config, everything is"
                    + " read off the weights and the file name; leave --config out");
        }
        if (gridOrNull != null || LlamaGptInference.gridFromName(sd.file()) != null) {
            return LlamaGptInference.infer(sd, gridOrNull, headsOrNull);
        }
        Inferred<LlamaGptSpec> found = LlamaGptInference.infer(sd, tokenizerGrid, headsOrNull);
        List<String> lines = new ArrayList<>(found.lines());
        lines.add("The name states no image side (_256 or _384), so the grid is the tokenizer's, " + tokenizerGrid + "x"
                + tokenizerGrid + ".");
        return new Inferred<>(found.spec(), lines);
    }

    @Override
    public Prior load(StateDict sd, LlamaGptSpec spec, NDManager m) throws IOException {
        return LlamaGpt.load(sd, spec, m).asPrior();
    }
}
