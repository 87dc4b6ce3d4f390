package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The part of a taming transformer's config ({@code taming.models.cond_transformer.Net2NetTransformer};
 * {@code configs/model.yaml} or {@code configs/<date>-project.yaml} beside the checkpoint) that fixes a
 * class-conditional prior: the minGPT's {@code transformer_config.params}, the {@code Labelator}'s
 * {@code n_classes} and the first stage (read as {@link TamingYaml}). Only what our model reproduces is
 * accepted: a {@code mingpt.GPT}, classes from a {@code Labelator}, the identity permuter (raster
 * order); anything else is one {@link ImportException} line naming the file and the field. Read with
 * the same bounded safe loader as {@link TamingYaml}.
 *
 * @param firstStage the VQGAN whose codes the transformer models
 * @param nClasses   {@code cond_stage_config.params.n_classes}
 */
public record TamingTransformerYaml(Path file, TamingYaml firstStage, int vocabSize, int blockSize, int nLayer, int nHead,
        int nEmbd, int nClasses) {

    private static final String GPT = "model.params.transformer_config.";
    private static final String COND = "model.params.cond_stage_config";
    private static final String PERMUTER = "model.params.permuter_config";

    /** Reads and checks {@code file}. */
    public static TamingTransformerYaml read(Path file) throws IOException {
        TamingYaml.Fields f = TamingYaml.fields(file);
        String model = f.string("model.target");
        if (!model.endsWith(".Net2NetTransformer")) {
            throw new ImportException(file, "model.target is '" + model + "', not a taming transformer"
                    + " (taming.models.cond_transformer.Net2NetTransformer)");
        }
        String gpt = f.string(GPT + "target");
        if (!gpt.endsWith("mingpt.GPT")) {
            throw new ImportException(file, GPT + "target is '" + gpt + "', not taming's minGPT (taming.modules.transformer.mingpt.GPT)");
        }
        Object cond = f.required(COND);
        String condTarget = cond instanceof String s ? s : f.string(COND + ".target");
        if (!condTarget.endsWith(".Labelator") || Boolean.TRUE.equals(f.optional("model.params.unconditional"))) {
            throw new ImportException(file, COND + " is '" + condTarget + "' (or unconditional is set): only class-conditional"
                    + " transformers (taming.modules.util.Labelator) are supported");
        }
        if (f.optional(PERMUTER) != null) {
            String permuter = f.string(PERMUTER + ".target");
            if (!permuter.endsWith("permuter.Identity")) {
                throw new ImportException(file, PERMUTER + ".target is '" + permuter + "'; only the identity permuter (raster order)"
                        + " is supported");
            }
        }
        String p = GPT + "params.";
        return new TamingTransformerYaml(file, TamingYaml.firstStage(f), f.integer(p + "vocab_size"), f.integer(p + "block_size"),
                f.integer(p + "n_layer"), f.integer(p + "n_head"), f.integer(p + "n_embd"), f.integer(COND + ".params.n_classes"));
    }

    /** Side of the first stage's code grid: its resolution over its down-sampling factor 2^(levels - 1). */
    public int gridSize() {
        int levels = Math.max(0, firstStage.chMult().size() - 1);
        return levels >= Integer.SIZE - 1 ? 0 : firstStage.resolution() >> levels;
    }
}
