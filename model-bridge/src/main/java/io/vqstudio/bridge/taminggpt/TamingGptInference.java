package io.vqstudio.bridge.taminggpt;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.Keys;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.taming.TamingTransformerYaml;
import io.vqstudio.bridge.taming.WeightShapes;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@link TamingGptSpec} off a taming transformer checkpoint: {@code vocab_size} and {@code n_embd}
 * from {@code tok_emb.weight}, {@code block_size} from {@code pos_emb}, the layers from the keys. The head
 * count, the classes and the grid are not in the minGPT's weights: they come from the project's yaml
 * ({@code n_head}, the Labelator's {@code n_classes}, the first stage's resolution and levels), which must
 * agree with the weights field by field. Without a yaml the caller gives the heads, the classes are
 * ImageNet's 1000 (taming's one published class-conditional transformer), the grid the largest square
 * within {@code block_size}, and the explanation says which numbers were assumed. The codebook size comes
 * from the first stage's {@code quantize.embedding.weight} in the same file, else the yaml's
 * {@code n_embed}, else the vocabulary.
 */
final class TamingGptInference {

    static final String FAMILY = "taming transformer";
    static final int IMAGENET_CLASSES = 1000;
    private static final String CODEBOOK = "quantize.embedding.weight";

    private TamingGptInference() {}

    static boolean recognises(StateDict sd) {
        return Keys.hasKey(sd, "tok_emb.weight") && Keys.hasKey(sd, "pos_emb") && Keys.hasKey(sd, "blocks.0.attn.query.weight");
    }

    static Inferred<TamingGptSpec> infer(StateDict sd, Path yamlOrNull, Integer nHead) throws IOException {
        String p = WeightCopy.prefix(sd, "tok_emb.weight", FAMILY);
        WeightShapes s = new WeightShapes(sd, p, FAMILY);
        List<String> lines = new ArrayList<>();
        long[] tok = s.shape("tok_emb.weight", 2);                               // (vocab, n_embd)
        long[] pos = s.shape("pos_emb", 3);                                      // (1, block, n_embd)
        long nEmbd = tok[1];
        if (pos[0] != 1 || pos[2] != nEmbd) {
            throw new ImportException(sd.file(), "weight '" + p + "pos_emb' has shape " + Arrays.toString(pos)
                    + "; expected (1, block_size, " + nEmbd + ")");
        }
        int nLayer = s.count("blocks.", ".attn.query.weight");
        long[] query = s.shape("blocks.0.attn.query.weight", 2);                 // (n_embd, n_embd)
        if (query[0] != nEmbd || query[1] != nEmbd) {
            throw new ImportException(sd.file(), "weight '" + p + "blocks.0.attn.query.weight' has shape " + Arrays.toString(query)
                    + "; expected [" + nEmbd + ", " + nEmbd + "]");
        }
        long vocab = tok[0], block = pos[1];
        Long codebook = codebookRows(sd);                                         // null: no first stage here
        lines.add("vocab_size = " + vocab + ", n_embd = " + nEmbd + " from " + p + "tok_emb.weight (class ids and codes share it);"
                + " block_size = " + block + " from " + p + "pos_emb; n_layer = " + nLayer + " from the keys; MLP width 4 n_embd,"
                + " LayerNorm eps 1e-5, exact GELU: minGPT's fixed values.");
        TamingTransformerYaml y = yamlOrNull == null ? null : TamingTransformerYaml.read(yamlOrNull);
        int heads, classes, grid;
        if (y != null) {
            Path f = y.file();
            agree(f, sd, "transformer_config.params.vocab_size", y.vocabSize(), vocab);
            agree(f, sd, "transformer_config.params.block_size", y.blockSize(), block);
            agree(f, sd, "transformer_config.params.n_layer", y.nLayer(), nLayer);
            agree(f, sd, "transformer_config.params.n_embd", y.nEmbd(), nEmbd);
            if (codebook != null) {
                agree(f, sd, "first_stage_config.params.n_embed", y.firstStage().nEmbed(), codebook);
            }
            if (nHead != null && nHead != y.nHead()) {
                throw new ImportException(f, "says n_head = " + y.nHead() + " but " + nHead + " heads were asked for");
            }
            heads = y.nHead();
            classes = y.nClasses();
            grid = y.gridSize();
            codebook = (long) y.firstStage().nEmbed();
            lines.add("n_head = " + heads + ", n_classes = " + classes + " (Labelator), first stage " + codebook + " codes on a "
                    + grid + "x" + grid + " grid (resolution " + y.firstStage().resolution() + " px, ch_mult "
                    + y.firstStage().chMult() + ") from " + f.getFileName() + ", which agrees with the weights.");
        } else {
            if (nHead == null) {
                throw new ImportException(sd.file(), "has no project yaml beside it (configs/model.yaml or configs/*-project.yaml),"
                        + " and the number of attention heads cannot be read off the weights; give the number of heads");
            }
            if (vocab < IMAGENET_CLASSES) {
                throw new ImportException(sd.file(), "has no project yaml beside it to give its classes (n_classes), and its"
                        + " vocabulary of " + vocab + " cannot hold ImageNet's 1000; give the project yaml");
            }
            heads = nHead;
            classes = IMAGENET_CLASSES;
            grid = (int) Math.floor(Math.sqrt((double) block));
            lines.add("No project yaml: n_head = " + heads + " as given; n_classes = 1000 assumed (ImageNet, the classes of"
                    + " taming's published class-conditional transformer); grid " + grid + "x" + grid + " assumed (the largest"
                    + " square within block_size " + block + ").");
            if (codebook == null) {
                codebook = vocab;
                lines.add("No first stage in the file: its codebook is assumed to be the whole vocabulary, " + vocab + " codes.");
            } else {
                lines.add("Codebook of " + codebook + " codes from the first stage's " + CODEBOOK + " in the same file.");
            }
        }
        try {
            TamingGptSpec spec = new TamingGptSpec(Inferred.nameOf(sd.file()), clamp(vocab), clamp(block), nLayer, heads,
                    clamp(nEmbd), classes, clamp(codebook), grid);
            return new Inferred<>(spec, lines);
        } catch (SpecException e) {
            throw new ImportException(y == null ? sd.file() : y.file(), "gives a model outside the supported bounds: " + e.getMessage());
        }
    }

    /** Codes of the first stage in the same file ({@code first_stage_model.quantize.embedding.weight}), or null. */
    private static Long codebookRows(StateDict sd) {
        TensorRef found = null;
        for (var e : sd.tensors().entrySet()) {
            if (e.getKey().equals(CODEBOOK) || e.getKey().endsWith("." + CODEBOOK)) {
                if (found != null) {
                    return null;
                }
                found = e.getValue();
            }
        }
        return found == null || found.shape().length != 2 ? null : found.shape()[0];
    }

    private static int clamp(long v) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(v, Integer.MAX_VALUE));
    }

    private static void agree(Path yaml, StateDict sd, String field, long said, long found) throws ImportException {
        if (said != found) {
            throw new ImportException(yaml, "says " + field + " = " + said + " but the weights of " + sd.file().getFileName()
                    + " have " + found);
        }
    }
}
