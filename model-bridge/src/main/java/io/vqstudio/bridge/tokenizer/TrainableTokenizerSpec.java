package io.vqstudio.bridge.tokenizer;

import io.vqstudio.bridge.vq.QuantizerSpec;

/**
 * A spec of a family we train here (ViT-VQGAN, CNN VQGAN, VQ-VAE): what the trainer needs beyond
 * the shape, the codebook's quantizer and the losses, and the copies it makes of them. Imported
 * families do not implement it: their models are for inference only.
 */
public interface TrainableTokenizerSpec extends TokenizerSpec {

    QuantizerSpec quantizer();

    LossSpec loss();

    @Override
    default int codebookSize() {
        return quantizer().codebookSize();
    }

    TrainableTokenizerSpec withQuantizer(QuantizerSpec q);

    TrainableTokenizerSpec withLoss(LossSpec l);

    TrainableTokenizerSpec withName(String n);
}
