package io.vqstudio.bridge.llamagpt;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.taming.WeightShapes;
import io.vqstudio.bridge.torchsave.StateDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@link LlamaGptSpec} off a LlamaGen c2i checkpoint (LlamaGen saves no config beside it):
 * {@code dim} and {@code vocab_size} from {@code tok_embeddings.weight}, the classes from
 * {@code cls_embedding.embedding_table.weight} (one row more: the null class), the layers from the
 * keys, the key/value width from {@code layers.0.attention.wqkv.weight}, the SwiGLU width from
 * {@code layers.0.feed_forward.w1.weight}. Two numbers are not in the weights: the head count
 * (LlamaGen's B, L, XL and XXL all use head_dim 64, so dim / 64 unless the caller says otherwise)
 * and the grid (from a {@code _256} or {@code _384} file name, LlamaGen's VQ-16 grid of 16 or 24,
 * unless the caller gives it).
 */
final class LlamaGptInference {

    static final String FAMILY = "LlamaGen GPT";
    static final int HEAD_DIM = 64;
    private static final Pattern IMAGE_SIZE = Pattern.compile("_(256|384)(?:\\D|$)");

    private LlamaGptInference() {}

    /** The grid a LlamaGen file's name states ({@code _256}: 16, {@code _384}: 24), or null. */
    static Integer gridFromName(java.nio.file.Path file) {
        Matcher m = IMAGE_SIZE.matcher(String.valueOf(file.getFileName()));
        return m.find() ? Integer.parseInt(m.group(1)) / 16 : null;
    }

    static Inferred<LlamaGptSpec> infer(StateDict sd, Integer gridSize, Integer nHead) throws ImportException {
        String p = WeightCopy.prefix(sd, "tok_embeddings.weight", FAMILY);
        WeightShapes s = new WeightShapes(sd, p, FAMILY);
        List<String> lines = new ArrayList<>();
        long[] tok = s.shape("tok_embeddings.weight", 2);                        // (vocab, dim)
        long[] cls = s.shape("cls_embedding.embedding_table.weight", 2);          // (classes + 1, dim)
        int dim = (int) Math.min(tok[1], Integer.MAX_VALUE);
        if (cls[1] != dim || cls[0] < 2) {
            throw new ImportException(sd.file(), "weight '" + p + "cls_embedding.embedding_table.weight' has shape "
                    + Arrays.toString(cls) + "; expected (classes + 1 null class, " + dim + ")");
        }
        int layers = s.count("layers.", ".attention.wqkv.weight");
        long[] wqkv = s.shape("layers.0.attention.wqkv.weight", 2);                // (dim + 2 kv, dim)
        long[] w1 = s.shape("layers.0.feed_forward.w1.weight", 2);                 // (hidden, dim)
        String headsFrom;
        if (nHead == null) {
            if (dim % HEAD_DIM != 0) {
                throw new ImportException(sd.file(), "has width " + dim + ", not a multiple of LlamaGen's head width 64;"
                        + " give the number of heads (import-model --heads N)");
            }
            nHead = dim / HEAD_DIM;
            headsFrom = "assumed from LlamaGen's head width 64 (the weights cannot show it)";
        } else {
            headsFrom = "as given";
        }
        long kvWidth = (wqkv[0] - dim) / 2;
        if (wqkv[1] != dim || wqkv[0] <= dim || (wqkv[0] - dim) % 2 != 0 || nHead < 1 || dim % nHead != 0
                || kvWidth % (dim / nHead) != 0) {
            throw new ImportException(sd.file(), "weight '" + p + "layers.0.attention.wqkv.weight' has shape "
                    + Arrays.toString(wqkv) + ", which does not split into queries of " + dim + " and keys and values of "
                    + nHead + " heads' width");
        }
        int nKvHead = (int) (kvWidth / (dim / nHead));
        String gridFrom = "as given";
        if (gridSize == null) {
            Matcher m = IMAGE_SIZE.matcher(String.valueOf(sd.file().getFileName()));
            if (!m.find()) {
                throw new ImportException(sd.file(), "does not say its grid (no _256 or _384 in its name); give the grid side");
            }
            gridSize = Integer.parseInt(m.group(1)) / 16;
            gridFrom = "from the name's _" + m.group(1) + " (LlamaGen's VQ-16 codes: image side / 16)";
        }
        LlamaGptSpec spec;
        try {
            spec = new LlamaGptSpec(Inferred.nameOf(sd.file()), dim, layers, nHead, nKvHead, (int) Math.min(w1[0], Integer.MAX_VALUE),
                    (int) Math.min(tok[0], Integer.MAX_VALUE), (int) Math.min(cls[0] - 1, Integer.MAX_VALUE),
                    (int) Math.min((long) gridSize * gridSize, Integer.MAX_VALUE), 1, 10000f, 1e-5f);
        } catch (SpecException e) {
            throw new ImportException(sd.file(), "gives a model outside the supported bounds: " + e.getMessage());
        }
        lines.add("dim = " + dim + ", vocab_size = " + tok[0] + " from tok_embeddings.weight; num_classes = " + spec.numClasses()
                + " from cls_embedding.embedding_table.weight " + Arrays.toString(cls) + " (its last row is the null class"
                + " of classifier-free guidance); n_layer = " + layers + " from the keys.");
        lines.add("n_head = " + nHead + " " + headsFrom + "; n_kv_head = " + nKvHead + " from layers.0.attention.wqkv.weight "
                + Arrays.toString(wqkv) + "; SwiGLU hidden width " + w1[0] + " from layers.0.feed_forward.w1.weight.");
        lines.add("grid " + gridSize + "x" + gridSize + " (" + spec.blockSize() + " tokens) " + gridFrom
                + "; RMSNorm eps 1e-5 and rotary base 10000 are LlamaGen's fixed values.");
        return new Inferred<>(spec, lines);
    }
}
