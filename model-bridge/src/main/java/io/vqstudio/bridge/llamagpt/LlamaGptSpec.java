package io.vqstudio.bridge.llamagpt;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a LlamaGen class-conditional GPT prior (Sun et al. 2024, {@code autoregressive/models/gpt.py},
 * {@code Transformer(ModelArgs)} with {@code model_type="c2i"}), with LlamaGen's names in camelCase.
 * The sequence is one class token followed by {@code blockSize = gridSize^2} image tokens, row-major.
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}; otherwise a {@link SpecException}
 * names the field.
 *
 * @param name        the published name or the checkpoint's
 * @param dim         model width ({@code dim})
 * @param nLayer      transformer blocks
 * @param nHead       query heads; the weights cannot show it (LlamaGen's sizes all use head_dim 64)
 * @param nKvHead     key/value heads ({@code n_kv_head}, = nHead in every released model)
 * @param ffnHidden   SwiGLU hidden width ({@code find_multiple(int(2*4*dim/3) * ffn_dim_multiplier, multiple_of)})
 * @param vocabSize   image-token codes (the tokenizer's codebook size)
 * @param numClasses  classes; the class table has one more row, {@code numClasses}, the null class of guidance
 * @param blockSize   image tokens per sample, a square: gridSize^2
 * @param clsTokenNum class-token positions; always 1 for c2i (the class table gives one vector per class)
 * @param ropeBase    rotary base (10000)
 * @param normEps     RMSNorm epsilon (1e-5)
 */
public record LlamaGptSpec(String name, int dim, int nLayer, int nHead, int nKvHead, int ffnHidden, int vocabSize,
        int numClasses, int blockSize, int clsTokenNum, float ropeBase, float normEps) {

    public static final String FAMILY = "llamagen-gpt";

    public LlamaGptSpec {
        range("name.length", present("name", name).strip().length(), 1, 200);
        range("dim", dim, 1, MAX_WIDTH);
        range("nLayer", nLayer, 1, MAX_LAYERS);
        range("nHead", nHead, 1, dim);
        if (dim % nHead != 0 || (dim / nHead) % 4 != 0) {
            throw new SpecException("nHead", "= " + nHead + " does not split dim " + dim
                    + " into heads whose width is a multiple of 4 (2-D rotary embedding: two angles per row and column pair)");
        }
        range("nKvHead", nKvHead, 1, nHead);
        if (nHead % nKvHead != 0) {
            throw new SpecException("nKvHead", "= " + nKvHead + " does not divide nHead " + nHead);
        }
        range("ffnHidden", ffnHidden, 1, MAX_MLP);
        range("vocabSize", vocabSize, 1, MAX_CODES);
        range("numClasses", numClasses, 1, MAX_CLASSES);
        range("blockSize", blockSize, 1, MAX_GRID * MAX_GRID);
        int g = (int) Math.round(Math.sqrt(blockSize));
        if (g * g != blockSize) {
            throw new SpecException("blockSize", "= " + blockSize + " is not the square of a grid side");
        }
        range("clsTokenNum", clsTokenNum, 1, 1);
        range("ropeBase", ropeBase, 1f, 1e9f);
        range("normEps", normEps, 1e-12f, 1f);
    }

    /** LlamaGen's c2i sizes by name (B, L, XL, XXL; head_dim 64, {@code multiple_of} 256), 16384 codes, 1000 classes. */
    public static LlamaGptSpec size(String size, int gridSize) {
        int[] dl = switch (present("size", size)) {
            case "B" -> new int[] {768, 12};
            case "L" -> new int[] {1024, 24};
            case "XL" -> new int[] {1280, 36};
            case "XXL" -> new int[] {1536, 48};
            default -> throw new SpecException("size", "= " + size + " is not one of [B, L, XL, XXL]");
        };
        int dim = dl[0], hidden = findMultiple(2 * 4 * dim / 3, 256);
        return new LlamaGptSpec("c2i_" + size + "_" + gridSize * 16, dim, dl[1], dim / 64, dim / 64, hidden, 16384, 1000,
                gridSize * gridSize, 1, 10000f, 1e-5f);
    }

    /** The released c2i files by name: 256 px -> 16x16 codes, 384 px -> 24x24 (LlamaGen's VQ-16). */
    public static Map<String, LlamaGptSpec> presets() {
        Map<String, LlamaGptSpec> out = new LinkedHashMap<>();
        for (LlamaGptSpec s : List.of(size("B", 16), size("L", 16), size("B", 24), size("L", 24), size("XL", 24),
                size("XXL", 24))) {
            out.put(s.name(), s);
        }
        return out;
    }

    /**
     * The spec a checkpoint's weights give; see {@link LlamaGptInference}.
     *
     * @param gridSize the grid side, or null to read it from the file name ({@code _256}: 16, {@code _384}: 24)
     * @param nHead    the query heads, or null for LlamaGen's dim / 64
     */
    public static Inferred<LlamaGptSpec> infer(StateDict sd, Integer gridSize, Integer nHead) throws ImportException {
        return LlamaGptInference.infer(sd, gridSize, nHead);
    }

    /** LlamaGen's {@code find_multiple}: n rounded up to a multiple of k. */
    static int findMultiple(int n, int k) {
        return n % k == 0 ? n : n + k - n % k;
    }

    public int headDim() {
        return dim / nHead;
    }

    /** Side of the square token grid. */
    public int gridSize() {
        return (int) Math.round(Math.sqrt(blockSize));
    }

    /** The class row of the unconditional half of a guided batch. */
    public int nullClass() {
        return numClasses;
    }

    /** Sequence positions: the class token, then the image tokens. */
    public int seqLen() {
        return clsTokenNum + blockSize;
    }

    public LlamaGptSpec withName(String newName) {
        return new LlamaGptSpec(newName, dim, nLayer, nHead, nKvHead, ffnHidden, vocabSize, numClasses, blockSize, clsTokenNum,
                ropeBase, normEps);
    }
}
