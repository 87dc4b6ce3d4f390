package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.prior.Prior;
import io.vqstudio.bridge.prior.TransformerPrior;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Validation cross-entropy of a prior in bits per token on a token file's held-out grids (class
 * given, no dropout; MaskGIT: on the cells its masking schedule hides, with the same masks every
 * time), next to the unigram entropy of the training codes: the bits a model that ignores context
 * would need.
 */
public final class PriorEvaluator {

    private static final int CHUNK = 64;

    public record Result(double bitsPerToken, double unigramBits, int grids) {
        public Map<String, Double> metrics() {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("val/bits_per_token", bitsPerToken);
            m.put("val/unigram_bits", unigramBits);
            return m;
        }

        public String toText() {
            return String.format("held-out grids %d%nbits per token %.4f%nunigram entropy %.4f bits (%.1f%% of it)%n",
                    grids, bitsPerToken, unigramBits, 100 * bitsPerToken / unigramBits);
        }
    }

    private PriorEvaluator() {}

    /** @param limit held-out grids to use (0 = all) */
    public static Result evaluate(TransformerPrior prior, TokenFile.Data data, int limit, NDManager root) {
        TokenBatches batches = new TokenBatches(data, CHUNK, 0);
        if (batches.validationSize() == 0) {
            throw new IllegalArgumentException("The token file has no held-out grids to evaluate on");
        }
        return evaluate(prior, batches, batches.unigramBits(data.header().codebookSize()), limit, root);
    }

    static Result evaluate(TransformerPrior prior, TokenBatches batches, double unigram, int limit, NDManager root) {
        int n = limit <= 0 ? batches.validationSize() : Math.min(limit, batches.validationSize());
        int tokens = prior.spec().tokens();
        Random rnd = new Random(12345); // MaskGIT: the same masks at every evaluation
        double sum = 0;
        for (int from = 0; from < n; from += CHUNK) {
            TokenBatches.Batch b = batches.validation(from, Math.min(CHUNK, n - from));
            try (NDManager sm = root.newSubManager(); NoGrad noGrad = NoGrad.enter()) {
                NDArray codes = sm.create(b.tokens(), new Shape(b.size(), tokens)); // (B, n)
                sum += prior.loss(codes, sm.create(b.classes()), false, rnd).getFloat() * b.size();
            }
        }
        return new Result(sum / n / Math.log(2), unigram, n);
    }
}
