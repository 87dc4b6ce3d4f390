package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.api.RunRecord;
import io.vqstudio.bridge.prior.PriorSpec;
import io.vqstudio.bridge.api.Presets;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.train.RunPlan;
import io.vqstudio.bridge.train.TokenizerTrainSpec;

/**
 * What a stage-1 run started from the studio trains: the Train page's form as a {@link RunPlan}, the
 * one the command line's train-tokenizer goes through too (same preset, data, steps and batch give
 * the same run).
 */
final class RunSpecs {

    private RunSpecs() {}

    /**
     * The stage-1 plan of a run (null for a prior run, whose plan the service makes); refuses an
     * unknown preset. {@code decoderSource}: for a decoder fine-tune, the spec of its tokenizer (read
     * only when the run is new, or has no saved spec).
     */
    static RunPlan<TokenizerTrainSpec> stage1(RunRecord rec, RunPlan.NewRun<TrainableTokenizerSpec> decoderSource) {
        RunPlan.Overrides form = RunPlan.Overrides.length(rec.steps(), rec.batchSize());
        if (rec.decoderOf() != null) {
            return RunPlan.tokenizer(() -> decoderSpec(rec, decoderSource.spec()), form);
        }
        if (rec.isTokenizer()) {
            TrainableTokenizerSpec model = Presets.tokenizer(rec.preset());
            return RunPlan.tokenizer(() -> TokenizerTrainSpec.defaults(model, rec.data()), form);
        }
        PriorSpec.preset(rec.priorKind(), rec.preset());
        return null;
    }

    /**
     * A studio decoder fine-tune: the tokenizer's own spec with the pixel losses only (L2 and
     * logit-Laplace; no perceptual network, no discriminator), a gentle learning rate, the encoder and
     * codebook frozen.
     */
    private static TokenizerTrainSpec decoderSpec(RunRecord rec, TrainableTokenizerSpec source) {
        TrainableTokenizerSpec model = source.withLoss(source.loss().withPerceptual(0).withAdversarial(0));
        return TokenizerTrainSpec.defaults(model, rec.data()).withDecoderOf(rec.decoderOf())
                .withOptim(OptimSpec.defaults().withLr(1e-4f, 5e-5f).withWarmup((int) Math.min(100, rec.steps() / 10)));
    }
}
