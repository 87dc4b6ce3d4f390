package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.RunRecord;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.train.TokenizerTrainSpec;

/** What a stage-1 run started from the studio trains: the specs behind the Train page's form. */
final class RunSpecs {

    private RunSpecs() {}

    /**
     * The stage-1 spec of a run (null for a prior run, whose spec the service builds); refuses an
     * unknown preset. {@code decoderSource}: for a decoder fine-tune, the spec of its tokenizer.
     */
    static TokenizerTrainSpec stage1(RunRecord rec, TrainableTokenizerSpec decoderSource) {
        if (rec.decoderOf() != null) {
            return decoderSpec(rec, decoderSource);
        }
        if (rec.isTokenizer()) {
            return tokenizerSpec(rec);
        }
        PriorSpec.preset(rec.priorKind(), rec.preset());
        return null;
    }

    /** A studio run: the preset's model, intervals scaled to the run's length. */
    private static TokenizerTrainSpec tokenizerSpec(RunRecord rec) {
        return tokenizerSpec(rec, Families.tokenizerPreset(rec.preset()));
    }

    private static TokenizerTrainSpec tokenizerSpec(RunRecord rec, TrainableTokenizerSpec model) {
        long n = rec.steps();
        int log = (int) Math.max(1, n / 200);
        int eval = (int) Math.max(10, n / 20);
        return TokenizerTrainSpec.defaults(model, rec.data())
                .withSteps(n).withBatchSize(rec.batchSize()).withIntervals(log, eval, eval, eval, 64);
    }

    /**
     * A studio decoder fine-tune: the tokenizer's own spec with the pixel losses only (L2 and
     * logit-Laplace; no perceptual network, no discriminator), a gentle learning rate, the encoder and
     * codebook frozen. The setting that took the default tokenizer from 21.1 to 22.3 dB.
     */
    private static TokenizerTrainSpec decoderSpec(RunRecord rec, TrainableTokenizerSpec source) {
        TrainableTokenizerSpec model = source.withLoss(source.loss().withPerceptual(0).withAdversarial(0));
        return tokenizerSpec(rec, model).withDecoderOf(rec.decoderOf())
                .withOptim(OptimSpec.defaults().withLr(1e-4f, 5e-5f).withWarmup((int) Math.min(100, rec.steps() / 10)));
    }
}
