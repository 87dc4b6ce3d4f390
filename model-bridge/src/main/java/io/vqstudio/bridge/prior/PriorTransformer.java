package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.LayerNorm;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.Slices;
import io.vqstudio.bridge.nn.StepPhases;
import io.vqstudio.bridge.nn.TransformerBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * The transformer both priors share (ViT-VQGAN's VIM stage, Yu et al. 2022, Sec. 4): a class-id
 * token in front of the g*g image tokens; token embeddings plus learned 2-D position embeddings
 * (a row and a column table, summed), both at the model width; pre-LN blocks with dropout on
 * residuals, activations and attention; a final LayerNorm; logits over the K codes.
 *
 * <p>Sequence layout, length 1 + n: position 0 holds the class token, position i >= 1 holds the
 * image token at grid cell i - 1. The AR prior runs it causally, so the output at position i
 * predicts cell i; MaskGIT runs it bidirectionally, with id K (MASK) at hidden cells, and the
 * output at position i + 1 predicts cell i.
 */
public final class PriorTransformer extends Module implements CausalLm {

    private final PriorSpec spec;
    private final NDArray tokenEmbed;   // (K + 1, d): codes, then MASK (only MaskGIT uses it)
    private final NDArray classEmbed;   // (C + 1, d): classes, then "no class"
    private final NDArray rowEmbed;     // (g, d)
    private final NDArray colEmbed;     // (g, d)
    private final NDArray clsPos;       // (1, d): the class token's position
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear head;

    public PriorTransformer(NDManager m, PriorSpec spec) {
        this.spec = spec;
        int d = spec.width();
        this.tokenEmbed = param("tok_embed", Init.normal(m, 0.02f, spec.codebookSize() + 1, d));
        this.classEmbed = param("class_embed", Init.normal(m, 0.02f, spec.numClasses() + 1, d));
        this.rowEmbed = param("row_embed", Init.normal(m, 0.02f, spec.gridSize(), d));
        this.colEmbed = param("col_embed", Init.normal(m, 0.02f, spec.gridSize(), d));
        this.clsPos = param("cls_pos", Init.normal(m, 0.02f, 1, d));
        for (int i = 0; i < spec.layers(); i++) {
            blocks.add(child("blocks." + i, new TransformerBlock(m, d, spec.heads(), spec.mlpDim(), spec.dropout())));
        }
        this.norm = child("norm", new LayerNorm(m, d));
        this.head = child("head", new Linear(m, d, spec.codebookSize()));
    }

    public PriorSpec spec() {
        return spec;
    }

    private DataType computeType = DataType.FLOAT32;

    /**
     * Runs the blocks in float16 (mixed-precision inference on a GPU); embeddings are looked up and
     * logits returned in float32, norms and softmax stay in float32. Never while training.
     */
    public void useHalfPrecision(boolean on) {
        computeType = on ? DataType.FLOAT16 : DataType.FLOAT32;
    }

    private static NDArray float32(NDArray x) {
        return x.getDataType() == DataType.FLOAT32 ? x : x.toType(DataType.FLOAT32, false);
    }

    public int numLayers() {
        return blocks.size();
    }

    /**
     * @param tokens   (B, L) int64 image-token ids (K = MASK), L <= n, for grid cells 0..L-1
     * @param classIds (B) int64, spec.noClass() for unconditional
     * @param causal   mask attention to earlier positions
     * @return (B, 1 + L, K) logits
     */
    public NDArray forward(NDArray tokens, NDArray classIds, boolean causal, boolean training) {
        return float32(head.forward(norm.forward(lastHidden(tokens, classIds, causal, training))));
    }

    /** The last block's output, (B, 1 + L, d). */
    private NDArray lastHidden(NDArray tokens, NDArray classIds, boolean causal, boolean training) {
        NDArray x = embed(tokens, classIds, 0, training);
        for (TransformerBlock b : blocks) {
            x = b.forward(x, causal, training);
        }
        return x;
    }

    /**
     * Logits at one sequence position per row, bidirectional, inference only: the blocks run over
     * the whole sequence, the output layer only where it is read (over all 1 + L positions, at
     * K = 8192, it costs a third as much as the eight blocks).
     *
     * @param tokens    (B, L) int64 image-token ids (K = MASK)
     * @param classIds  (B) int64
     * @param positions (B) int64 sequence positions (1 + cell)
     * @return (B, K) logits
     */
    public NDArray forwardAt(NDArray tokens, NDArray classIds, NDArray positions) {
        NDArray x = lastHidden(tokens, classIds, false, false);               // (B, 1 + L, d)
        long batch = x.getShape().get(0), d = x.getShape().get(2);
        NDArray at = positions.reshape(batch, 1, 1).broadcast(batch, 1, d);  // (B, 1, d)
        return float32(head.forward(norm.forward(x.gather(at, 1).reshape(batch, d))));
    }

    /** Hidden states after each block, (B, 1 + L, d) per layer, for the linear probe. Inference only. */
    public List<NDArray> layerOutputs(NDArray tokens, NDArray classIds, boolean causal) {
        NDArray x = embed(tokens, classIds, 0, false);
        List<NDArray> out = new ArrayList<>();
        for (TransformerBlock b : blocks) {
            x = b.forward(x, causal, false);
            out.add(float32(x));
        }
        return out;
    }

    @Override
    public NDArray causalLogits(NDArray classIds, NDArray tokens) {
        return forward(tokens, classIds, true, false);
    }

    @Override
    public KvCache newCache(NDManager m) {
        return new KvCache(blocks.size(), spec.tokens() + 1, m);
    }

    @Override
    public int vocabSize() {
        return spec.codebookSize();
    }

    /**
     * One cached decoding step (AR sampling): the input at sequence position {@code pos}
     * (0 = the class token, given as {@code classIds}; otherwise the image token of cell pos - 1).
     *
     * @param ids (B) int64
     * @return (B, K) logits for the next cell
     */
    @Override
    public NDArray step(NDArray ids, int pos, KvCache cache) {
        NDArray x = stepEmbedding(ids, pos);                                    // (B, d)
        StepPhases.lap(StepPhases.Phase.EMBEDDING);
        for (int i = 0; i < blocks.size(); i++) {
            x = blocks.get(i).forwardCached(x, cache.layer(i));
        }
        return float32(head.forwardRows(norm.forward(x)));                      // (B, K)
    }

    /**
     * The input of sequence position {@code pos}, as {@link #embed} makes it (the same sums in the
     * same order), from views of the tables instead of looked-up index arrays: (B) -> (B, d).
     */
    private NDArray stepEmbedding(NDArray ids, int pos) {
        NDManager m = ids.getManager();
        NDArray x;
        if (pos == 0) {
            x = lookup(ids, classEmbed).add(local(clsPos, m));                  // class + its position
        } else {
            int g = spec.gridSize(), cell = pos - 1;
            NDArray row = Slices.narrow(rowEmbed, 0, cell / g, cell / g + 1);   // (1, d) views, in the weights' manager
            NDArray col = Slices.narrow(colEmbed, 0, cell % g, cell % g + 1);
            row.attach(m);
            col.attach(m);
            x = lookup(ids, tokenEmbed).add(row.add(col));                      // token + (row + column)
        }
        return x.getDataType() == computeType ? x : x.toType(computeType, false);
    }

    /**
     * Embeds image tokens of cells {@code firstCell..} plus position; prepends the class token when
     * {@code classIds} is given. (B, L) -> (B, [1 +] L, d); {@code tokens} null: the class token alone.
     */
    private NDArray embed(NDArray tokens, NDArray classIds, int firstCell, boolean training) {
        NDManager m = tokens != null ? tokens.getManager() : classIds.getManager();
        long b = tokens != null ? tokens.getShape().get(0) : classIds.getShape().get(0);
        long len = tokens != null ? tokens.getShape().get(1) : 0;
        NDArray x = null;
        if (len > 0) {
            NDArray pos = positions(m, firstCell, (int) len);           // (L, d)
            x = lookup(tokens, tokenEmbed).add(pos);                    // (B, L, d)
        }
        if (classIds != null) {
            NDArray c = lookup(classIds.reshape(b, 1), classEmbed).add(local(clsPos, m)); // (B, 1, d)
            x = x == null ? c : c.concat(x, 1);
        }
        if (x.getDataType() != computeType) {
            x = x.toType(computeType, false);
        }
        return training && spec.dropout() > 0
                ? ai.djl.nn.norm.Dropout.dropout(x, spec.dropout(), true).singletonOrThrow() : x;
    }

    /** Row + column embeddings of cells first..first+len-1, (len, d), owned by {@code m}. */
    private NDArray positions(NDManager m, int first, int len) {
        int g = spec.gridSize();
        long[] rows = new long[len], cols = new long[len];
        for (int i = 0; i < len; i++) {
            rows[i] = (first + i) / g;
            cols[i] = (first + i) % g;
        }
        NDArray r = m.create(rows), c = m.create(cols);
        return lookup(r, rowEmbed).add(lookup(c, colEmbed));
    }

    /** Rows of {@code table} at int64 {@code ids}: ids.shape + (d), owned by the ids' manager. */
    private static NDArray lookup(NDArray ids, NDArray table) {
        return Embedding.embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    private static NDArray local(NDArray param, NDManager m) {
        NDArray v = param.reshape(param.getShape());
        v.attach(m);
        return v;
    }
}
