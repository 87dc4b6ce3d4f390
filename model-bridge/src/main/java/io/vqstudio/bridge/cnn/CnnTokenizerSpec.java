package io.vqstudio.bridge.cnn;

import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.tokenizer.LossSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vq.QuantizerSpec;

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

    /** This network and resolution with another name, quantizer and losses: the record's own kind. */
    CnnTokenizerSpec with(String name, QuantizerSpec quantizer, LossSpec loss);

    @Override
    default CnnTokenizerSpec withQuantizer(QuantizerSpec q) {
        return with(name(), q, loss());
    }

    @Override
    default CnnTokenizerSpec withLoss(LossSpec l) {
        return with(name(), quantizer(), l);
    }

    @Override
    default CnnTokenizerSpec withName(String n) {
        return with(n, quantizer(), loss());
    }

    /**
     * The records' shared check: every field present, the resolution within bounds, and a
     * down-sampling factor that divides it into a bounded grid; otherwise a {@code SpecException}
     * names the field.
     */
    static void check(String name, int resolution, CnnSpec cnn, QuantizerSpec quantizer, LossSpec loss) {
        present("name", name);
        range("resolution", resolution, 1, MAX_RESOLUTION);
        present("cnn", cnn);
        present("quantizer", quantizer);
        present("loss", loss);
        TokenizerSpec.checkGrid("cnn.channelMult", cnn.factor(), resolution);
    }
}
