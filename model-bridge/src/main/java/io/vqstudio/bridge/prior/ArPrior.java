package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.SamplingSpec;
import java.util.Random;

/**
 * The paper's VIM prior: decoder-only, raster order, trained with teacher forcing. Sampling and
 * scoring are {@link CausalPrior}'s, over our transformer run causally.
 */
public final class ArPrior extends TransformerPrior {

    private final CausalPrior sampling;

    public ArPrior(PriorTransformer net) {
        super(net);
        this.sampling = new CausalPrior(net, shape());
    }

    /** tokens (B, n): input cells 0..n-2 after the class token, targets cells 0..n-1. */
    @Override
    public NDArray loss(NDArray tokens, NDArray classIds, boolean training, Random rnd) {
        int n = spec().tokens(), k = spec().codebookSize();
        NDArray logits = net.forward(tokens.get(":, 0:" + (n - 1)), classIds, true, training); // (B, n, K)
        NDArray logp = logits.logSoftmax(-1);
        return logp.reshape(-1, k).gather(tokens.reshape(-1, 1), 1).mean().neg();
    }

    @Override
    public Generated generate(NDManager m, int[] grid, int classId, int count, SamplingSpec s, PartialListener listener) {
        return sampling.generate(m, grid, classId, count, s, listener);
    }

    @Override
    public double[] nllMap(NDManager m, int[] grid, int classId) {
        return sampling.nllMap(m, grid, classId);
    }

    @Override
    public double regionLogLikelihood(NDManager m, int[] grid, boolean[] region, int classId) {
        return sampling.regionLogLikelihood(m, grid, region, classId);
    }
}
