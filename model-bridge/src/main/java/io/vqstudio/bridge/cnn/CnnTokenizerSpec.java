package io.vqstudio.bridge.cnn;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;

/**
 * What the two convolutional families share, and all {@link CnnTokenizer} reads: the network's
 * sizes ({@link CnnSpec}) and whether it has attention blocks. The families stay two records, and
 * two names in spec.json, because they are two models of the papers (taming's VQGAN, with
 * attention, a perceptual and adversarial loss; van den Oord's VQ-VAE, with neither) with their own
 * presets; this interface keeps their common geometry in one place.
 */
public sealed interface CnnTokenizerSpec extends TrainableTokenizerSpec permits CnnVqganSpec, VqVaeSpec {

    CnnSpec cnn();

    /** Whether the encoder and decoder have non-local attention blocks. */
    boolean attention();

    @Override
    default int gridSize() {
        return resolution() / cnn().factor();
    }

    @Override
    default Footprint footprint() {
        long tokens = (long) gridSize() * gridSize();
        long codebook = quantizer().parameters();
        long distances = 4 * tokens * quantizer().codebookSize(); // the (T, K) distances to every code
        long cnnWeights = cnn().parameters() + (long) cnn().zChannels() * quantizer().lookupDim() * 2;
        long activations = cnn().activationBytes(resolution()) + distances;
        return new Footprint(cnnWeights + codebook, activations, activations > 4 * (cnnWeights + codebook)
                ? "resolution" : codebook > cnnWeights ? "quantizer.codebookSize" : "cnn");
    }

    /** The constructors' shared check: the down-sampling factor divides the resolution into a bounded grid. */
    static void checkGrid(CnnSpec cnn, int resolution) {
        TokenizerSpec.checkGrid("cnn.channelMult", cnn.factor(), resolution);
    }
}
