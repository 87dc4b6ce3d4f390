package io.vqstudio.bridge.taminggpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.LayerNorm;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.prior.CausalLm;
import io.vqstudio.bridge.prior.CausalPrior;
import io.vqstudio.bridge.prior.PriorShape;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * taming-transformers' class-conditional transformer (Esser et al. 2021; minGPT {@code GPT} in
 * {@code Net2NetTransformer}, eval mode), for inference: the sequence [class id, code 0, code 1, ...]
 * looked up in the one table {@code tok_emb} (the Labelator hands the class id over as a token, so class
 * c and code c share a row), plus the learned positions {@code pos_emb}; {@code blocks.i} pre-norm minGPT
 * blocks; {@code ln_f}; {@code head} (no bias). Parameter names are the state dict's keys under
 * {@code transformer.}. Output position p predicts code p, as the reference's teacher forcing keeps
 * {@code logits[:, c_len - 1:]}.
 */
public final class TamingGpt extends Module implements CausalLm {

    private static final Pattern MASK = Pattern.compile("blocks\\.\\d+\\.attn\\.mask");

    private final TamingGptSpec spec;
    private final NDArray posEmb;                 // (1, blockSize, D)
    private final Table tokEmb;
    private final List<MinGptBlock> blocks = new ArrayList<>();
    private final LayerNorm lnF;
    private final Linear head;

    /** An embedding table, {@code weight} (rows, D). */
    private static final class Table extends Module {
        final NDArray weight;

        Table(NDManager m, int rows, int dim) {
            weight = param("weight", Init.zeros(m, rows, dim));
        }

        /** Rows at int64 {@code ids}: ids.shape + (D), owned by the ids' manager. */
        NDArray lookup(NDArray ids) {
            return Embedding.embedding(ids, weight, SparseFormat.DENSE).singletonOrThrow();
        }
    }

    /** A model of {@code spec}'s shape with zero weights (see {@link #load}). */
    public TamingGpt(NDManager m, TamingGptSpec spec) {
        this.spec = spec;
        this.posEmb = param("pos_emb", Init.zeros(m, 1, spec.blockSize(), spec.nEmbd()));
        this.tokEmb = child("tok_emb", new Table(m, spec.vocabSize(), spec.nEmbd()));
        for (int i = 0; i < spec.nLayer(); i++) {
            blocks.add(child("blocks." + i, new MinGptBlock(m, spec)));
        }
        this.lnF = child("ln_f", new LayerNorm(m, spec.nEmbd()));
        this.head = child("head", new Linear(m, spec.nEmbd(), spec.vocabSize(), false, 0f));
    }

    /**
     * The weights of a taming transformer checkpoint (the minGPT under the prefix that holds
     * {@code tok_emb.weight}, {@code transformer.} in taming's files; float32, or float16 upcast exactly) in a
     * model of {@code spec}'s shape. Every key must fit, or one line names the missing and unexpected
     * weights with their shapes; the {@code attn.mask} buffers are no parameters but must be the causal
     * lower triangle (a model trained with {@code n_unmasked > 1} is refused).
     */
    public static TamingGpt load(StateDict sd, TamingGptSpec spec, NDManager m) throws IOException {
        String prefix = WeightCopy.prefix(sd, "tok_emb.weight", TamingGptInference.FAMILY);
        Map<String, TensorRef> weights = WeightCopy.under(sd, prefix);
        for (Map.Entry<String, TensorRef> e : weights.entrySet()) {
            if (MASK.matcher(e.getKey()).matches()) {
                requireCausal(sd, prefix + e.getKey(), e.getValue(), spec.blockSize());
            }
        }
        TamingGpt model = new TamingGpt(m, spec);
        WeightCopy.copy(sd.file(), weights, model, k -> MASK.matcher(k).matches(), "the taming transformer its spec describes");
        return model;
    }

    /** A mask buffer must be (1, 1, block, block) ones on and below the diagonal, zeros above. */
    private static void requireCausal(StateDict sd, String key, TensorRef t, int block) throws IOException {
        long[] s = t.shape();
        if (s.length != 4 || s[0] != 1 || s[1] != 1 || s[2] != block || s[3] != block) {
            throw new ImportException(sd.file(), "buffer '" + key + "' has shape " + java.util.Arrays.toString(s)
                    + "; expected [1, 1, " + block + ", " + block + "]");
        }
        float[] mask = t.toFloats();
        for (int i = 0; i < block; i++) {
            for (int j = 0; j < block; j++) {
                if (mask[i * block + j] != (j <= i ? 1f : 0f)) {
                    throw new ImportException(sd.file(), "buffer '" + key + "' is not the causal mask (row " + i + " sees position "
                            + j + "; minGPT's n_unmasked > 1?), which this model does not reproduce");
                }
            }
        }
    }

    public TamingGptSpec spec() {
        return spec;
    }

    @Override
    public int vocabSize() {
        return spec.vocabSize();
    }

    /** This network as a prior: AR over the first stage's codes, class-conditional only (taming has no null class). */
    public CausalPrior asPrior() {
        return new CausalPrior(this, new PriorShape(PriorKind.AR, spec.gridSize(), spec.codebookSize(), spec.numClasses(), false));
    }

    /**
     * Teacher-forced logits, causal over the whole sequence (the reference's
     * {@code transformer(cat(c, z)[:, :-1])} with the class output kept).
     *
     * @param classIds (B) int64 class ids
     * @param tokens   (B, T) int64 codes of cells 0..T-1, 1 + T <= blockSize (T = 0 allowed)
     * @return (B, 1 + T, vocab) float32: position p predicts code p
     */
    @Override
    public NDArray causalLogits(NDArray classIds, NDArray tokens) {
        long b = classIds.getShape().get(0), t = tokens.getShape().get(1);
        if (1 + t > spec.blockSize()) {
            throw new IllegalArgumentException(t + " tokens given; the model has " + spec.blockSize() + " positions");
        }
        NDArray ids = t > 0 ? classIds.reshape(b, 1).concat(tokens, 1) : classIds.reshape(b, 1);   // (B, 1 + T)
        NDArray x = tokEmb.lookup(ids).add(positions(ids, 0, t + 1));                              // (B, 1 + T, D)
        for (MinGptBlock block : blocks) {
            x = block.forward(x, null);
        }
        return head.forward(lnF.forward(x));                                                       // (B, 1 + T, vocab)
    }

    /**
     * One cached decoding step: the input at sequence position {@code pos} (0: the class id; p >= 1: the
     * code of cell p - 1), appended to {@code cache}.
     *
     * @param ids (B) int64
     * @return (B, vocab) float32 logits for code {@code pos}
     */
    @Override
    public NDArray step(NDArray ids, int pos, KvCache cache) {
        if (pos < 0 || pos >= spec.blockSize() || cache.length() != pos) {
            throw new IllegalArgumentException("position " + pos + " with " + cache.length() + " cached, " + spec.blockSize()
                    + " positions");
        }
        NDArray in = ids.reshape(-1, 1);                                                            // (B, 1)
        NDArray x = tokEmb.lookup(in).add(positions(in, pos, 1));                                   // (B, 1, D)
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forward(x, cache.layer(i));
        }
        return head.forward(lnF.forward(x)).squeeze(1);                                             // (B, vocab)
    }

    /** A cache for every position of one sequence (the class and the codes) at any batch size. */
    @Override
    public KvCache newCache(NDManager m) {
        return new KvCache(blocks.size(), spec.blockSize(), m);
    }

    /** pos_emb rows start..start+len-1 as (len, D), owned by {@code like}'s manager (not the model's). */
    private NDArray positions(NDArray like, long start, long len) {
        NDArray rows = posEmb.get(new NDIndex("0, {}:{}", start, start + len));
        rows.attach(like.getManager());
        return rows;
    }
}
