package io.vqstudio.bridge.prior;

import ai.djl.ndarray.NDArray;
import io.vqstudio.bridge.nn.Module;
import java.util.Random;

/**
 * The priors we train: the shared {@link PriorTransformer} plus how it is trained (AR or MaskGIT);
 * the spec is saved beside every checkpoint.
 */
public abstract class TransformerPrior extends Prior {

    protected final PriorTransformer net;

    protected TransformerPrior(PriorTransformer net) {
        super(new PriorShape(net.spec().kind(), net.spec().gridSize(), net.spec().codebookSize(), net.spec().numClasses(),
                true));
        this.net = net;
    }

    public PriorTransformer net() {
        return net;
    }

    public PriorSpec spec() {
        return net.spec();
    }

    @Override
    public Module network() {
        return net;
    }

    /**
     * The training loss for a batch (mean cross-entropy in nats over the predicted cells).
     *
     * @param tokens   (B, n) int64 codes
     * @param classIds (B) int64, with labels already dropped to noClass where classifier-free
     *                 guidance training asks for it
     * @param rnd      masking randomness (MaskGIT)
     */
    public abstract NDArray loss(NDArray tokens, NDArray classIds, boolean training, Random rnd);
}
