package io.vqstudio.bridge.taminggpt;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CLASSES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_CODES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;
import static io.vqstudio.bridge.io.SpecLimits.MAX_LAYERS;
import static io.vqstudio.bridge.io.SpecLimits.MAX_MLP;
import static io.vqstudio.bridge.io.SpecLimits.MAX_WIDTH;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shape of taming-transformers' class-conditional transformer (Esser et al. 2021,
 * {@code taming/modules/transformer/mingpt.py} {@code GPT} inside {@code Net2NetTransformer} with a
 * {@code Labelator} cond stage), with minGPT's names in camelCase. The sequence is the class id followed
 * by the first stage's codes in raster order, all looked up in one token table: class c and code c share
 * a row. Output position p predicts code p, so a g x g grid needs g^2 positions (the class and the
 * first g^2 - 1 codes) out of {@code blockSize}.
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}; otherwise a {@link SpecException}
 * names the field.
 *
 * @param name         the published name or the checkpoint's
 * @param vocabSize    rows of the token table and of the output head ({@code vocab_size}); holds the codes
 *                     and the class ids
 * @param blockSize    learned positions ({@code block_size})
 * @param nLayer       transformer blocks
 * @param nHead        attention heads; the weights cannot show it
 * @param nEmbd        model width; the MLP is 4 nEmbd wide, as in minGPT
 * @param numClasses   the Labelator's {@code n_classes}: class ids 0..numClasses-1, no null class
 * @param codebookSize the first stage's {@code n_embed}: the codes drawn, 0..codebookSize-1
 * @param gridSize     side of the first stage's code grid
 */
public record TamingGptSpec(String name, int vocabSize, int blockSize, int nLayer, int nHead, int nEmbd, int numClasses,
        int codebookSize, int gridSize) {

    public static final String FAMILY = "taming-gpt";

    public TamingGptSpec {
        range("name.length", present("name", name).strip().length(), 1, 200);
        range("vocabSize", vocabSize, 1, MAX_CODES);
        range("nEmbd", nEmbd, 1, Math.min(MAX_WIDTH, MAX_MLP / 4));
        range("nLayer", nLayer, 1, MAX_LAYERS);
        range("nHead", nHead, 1, nEmbd);
        if (nEmbd % nHead != 0) {
            throw new SpecException("nHead", "= " + nHead + " does not divide nEmbd " + nEmbd);
        }
        range("codebookSize", codebookSize, 1, vocabSize);
        range("numClasses", numClasses, 1, Math.min(MAX_CLASSES, vocabSize));
        range("gridSize", gridSize, 1, MAX_GRID);
        range("blockSize", blockSize, gridSize * gridSize, MAX_GRID * MAX_GRID + 1);
    }

    /**
     * The published {@code cin_transformer} (class-conditional ImageNet, 1.4 B parameters) over the f16
     * VQGAN with 16384 codes at 256 px: 48 blocks of width 1536 with 24 heads of 64, 1000 classes sharing
     * the 16384-row table, 256 positions (the class and 255 codes are the most it is fed). For benchmarks
     * with random weights of the real shapes; an import reads every number from the file and its yaml.
     */
    public static Map<String, TamingGptSpec> presets() {
        Map<String, TamingGptSpec> out = new LinkedHashMap<>();
        TamingGptSpec cin = new TamingGptSpec("cin_transformer", 16384, 256, 48, 24, 1536, 1000, 16384, 16);
        out.put(cin.name(), cin);
        return out;
    }

    /**
     * The spec a taming transformer checkpoint gives; see {@link TamingGptInference}.
     *
     * @param yamlOrNull  the project's config ({@code model.yaml} or {@code *-project.yaml}), or null
     * @param nHeadOrNull the attention heads; required without a config (the weights cannot show them)
     * @throws ImportException one line naming the file (and the field)
     */
    public static Inferred<TamingGptSpec> infer(StateDict sd, Path yamlOrNull, Integer nHeadOrNull) throws IOException {
        return TamingGptInference.infer(sd, yamlOrNull, nHeadOrNull);
    }

    /**
     * Whether {@code sd} holds a taming transformer's minGPT: {@code tok_emb.weight}, {@code pos_emb} and
     * {@code blocks.0.attn.query.weight} under one prefix ({@code transformer.} in taming's checkpoints).
     */
    public static boolean recognises(StateDict sd) {
        return TamingGptInference.recognises(sd);
    }

    public int headDim() {
        return nEmbd / nHead;
    }

    /** Image tokens per sample: gridSize^2. */
    public int tokens() {
        return gridSize * gridSize;
    }

    public TamingGptSpec withName(String newName) {
        return new TamingGptSpec(newName, vocabSize, blockSize, nLayer, nHead, nEmbd, numClasses, codebookSize, gridSize);
    }
}
