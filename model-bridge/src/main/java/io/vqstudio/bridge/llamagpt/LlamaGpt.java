package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Embedding;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.nn.Init;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.Linear;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.StepPhases;
import io.vqstudio.bridge.core.PriorKind;
import io.vqstudio.bridge.prior.CausalLm;
import io.vqstudio.bridge.prior.CausalPrior;
import io.vqstudio.bridge.prior.PriorShape;
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * LlamaGen's class-conditional GPT (Sun et al. 2024, {@code autoregressive/models/gpt.py}, {@code Transformer}
 * in eval mode), for inference: the class embedding ({@code cls_embedding.embedding_table}, numClasses + 1
 * rows, the last the null class) as position 0, then the image tokens ({@code tok_embeddings}) row-major;
 * {@code layers.i} pre-norm blocks with 2-D rotary embeddings; final RMSNorm {@code norm}; {@code output}
 * (no bias). Parameter names are the state dict's keys. Output position p predicts image token p; the
 * last position (after token blockSize - 1) predicts past the grid, as in the reference.
 */
public final class LlamaGpt extends Module implements CausalLm {

    private final LlamaGptSpec spec;
    private final Table clsEmbedding;
    private final Table tokEmbeddings;
    private final List<GptBlock> layers = new ArrayList<>();
    private final RmsNorm norm;
    private final Linear output;
    private final Rope2d rope;

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
    public LlamaGpt(NDManager m, LlamaGptSpec spec) {
        this.spec = spec;
        this.clsEmbedding = child("cls_embedding.embedding_table", new Table(m, spec.numClasses() + 1, spec.dim()));
        this.tokEmbeddings = child("tok_embeddings", new Table(m, spec.vocabSize(), spec.dim()));
        for (int i = 0; i < spec.nLayer(); i++) {
            layers.add(child("layers." + i, new GptBlock(m, spec)));
        }
        this.norm = child("norm", new RmsNorm(m, spec.dim(), spec.normEps()));
        this.output = child("output", new Linear(m, spec.dim(), spec.vocabSize(), false, 0f));
        this.rope = new Rope2d(spec);
    }

    /**
     * The weights of a LlamaGen checkpoint ({@code checkpoint["model"]}; float32, or bfloat16/float16 upcast
     * exactly) in a model of {@code spec}'s shape: every key must fit, or one line names the missing and
     * unexpected weights with their shapes.
     */
    public static LlamaGpt load(StateDict sd, LlamaGptSpec spec, NDManager m) throws IOException {
        String prefix = WeightCopy.prefix(sd, "tok_embeddings.weight", LlamaGptInference.FAMILY);
        LlamaGpt model = new LlamaGpt(m, spec);
        WeightCopy.copy(sd.file(), WeightCopy.under(sd, prefix), model, k -> false, "the LlamaGen GPT its spec describes");
        return model;
    }

    public LlamaGptSpec spec() {
        return spec;
    }

    @Override
    public int vocabSize() {
        return spec.vocabSize();
    }

    /** This network as a prior: AR over LlamaGen's VQ-16 codes, with the null class of guidance. */
    public CausalPrior asPrior() {
        return new CausalPrior(this, new PriorShape(PriorKind.AR, spec.gridSize(), spec.vocabSize(), spec.numClasses(), true));
    }

    /**
     * Teacher-forced logits, causal over the whole sequence (the reference's {@code model(idx, cond_idx)}).
     *
     * @param classIds (B) int64 class ids, {@code spec.nullClass()} for unconditional
     * @param tokens   (B, T) int64 image tokens of cells 0..T-1, T <= blockSize (T = 0 allowed)
     * @return (B, 1 + T, vocab) float32: position p predicts image token p
     */
    @Override
    public NDArray causalLogits(NDArray classIds, NDArray tokens) {
        long b = classIds.getShape().get(0), t = tokens.getShape().get(1);
        if (t > spec.blockSize()) {
            throw new IllegalArgumentException(t + " tokens given; the grid holds " + spec.blockSize());
        }
        NDArray x = clsEmbedding.lookup(classIds.reshape(b, 1));                      // (B, 1, D)
        if (t > 0) {
            x = x.concat(tokEmbeddings.lookup(tokens), 1);                           // (B, 1 + T, D)
        }
        NDManager m = x.getManager();
        NDArray[] factors = rope.factors(m, 0, (int) t + 1);                          // (1 + T, 1, Dh)
        for (GptBlock layer : layers) {
            x = layer.forward(x, factors);
        }
        return output.forward(norm.forward(x));                                       // (B, 1 + T, vocab)
    }

    /**
     * One cached decoding step: the input at sequence position {@code pos} (0: the class token, given as
     * class ids; p >= 1: the image token of cell p - 1), appended to {@code cache}.
     *
     * @param ids (B) int64
     * @return (B, vocab) float32 logits for image token {@code pos}
     */
    @Override
    public NDArray step(NDArray ids, int pos, KvCache cache) {
        if (pos < 0 || pos >= spec.seqLen() || cache.length() != pos) {
            throw new IllegalArgumentException("position " + pos + " with " + cache.length() + " cached, sequence of "
                    + spec.seqLen());
        }
        NDArray x = (pos == 0 ? clsEmbedding : tokEmbeddings).lookup(ids);                 // (B, D)
        NDArray rot = rope.rotation(x.getManager(), pos);                                   // (Dh, Dh)
        StepPhases.lap(StepPhases.Phase.EMBEDDING);
        for (int i = 0; i < layers.size(); i++) {
            x = layers.get(i).forwardCached(x, rot, cache.layer(i));
        }
        return output.forwardRows(norm.forward(x));                                          // (B, vocab)
    }

    /** A cache for one sequence of every position (class token and image tokens) at any batch size. */
    @Override
    public KvCache newCache(NDManager m) {
        return new KvCache(layers.size(), spec.seqLen(), m);
    }
}
