package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.nn.KvCache;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.nn.Scalars;
import io.vqstudio.bridge.prior.Sampler;
import java.util.Arrays;
import java.util.Random;

/**
 * Class-conditional sampling from a {@link LlamaGpt} as LlamaGen's {@code generate()} does it: with a
 * guidance scale other than 1, one batch of 2B rows, the classes then the null class, and per step the
 * logits uncond + (cond - uncond) * scale; the class token first (the prefill), then one image token
 * per step through the KV cache; each token drawn by our {@link Sampler} (temperature, top-k, top-p,
 * seeded), so top-k 1 is LlamaGen's greedy decoding. The reference doubles the batch only above 1;
 * below 1 the same formula moves towards the unconditional model (0 = unconditional).
 */
public final class LlamaGptSampler {

    /** Sees the guided logits of each step before the draw: (B * vocab) row-major, for image token {@code cell}. */
    public interface StepListener {
        void step(int cell, float[] logits);
    }

    private LlamaGptSampler() {}

    /**
     * Teacher-forced guided logits on a doubled batch (classes, then the null class).
     *
     * @param classIds (B) int64
     * @param tokens   (B, T) int64
     * @return (B, 1 + T, vocab): uncond + (cond - uncond) * scale
     */
    public static NDArray guidedLogits(LlamaGpt model, NDArray classIds, NDArray tokens, float scale) {
        long b = classIds.getShape().get(0);
        NDArray nulls = classIds.zerosLike().add(model.spec().nullClass());               // (B)
        NDArray both = model.forward(classIds.concat(nulls), tokens.concat(tokens));     // (2B, 1 + T, vocab)
        NDArray cond = both.get("0:{}", b), uncond = both.get("{}:", b);
        return uncond.add(Scalars.mul(cond.sub(uncond), scale));
    }

    /**
     * Samples a full grid per class.
     *
     * @param classIds one class per sample, 0..numClasses (numClasses: the null class, unconditional)
     * @param listener sees each step's logits, or null
     * @return (B, blockSize) image tokens, row-major
     */
    public static int[][] generate(LlamaGpt model, long[] classIds, SamplingSpec s, NDManager m, StepListener listener) {
        LlamaGptSpec spec = model.spec();
        int b = classIds.length, n = spec.blockSize(), k = spec.vocabSize();
        for (long c : classIds) {
            if (c < 0 || c > spec.nullClass()) {
                throw new IllegalArgumentException("class " + c + " is outside 0.." + spec.nullClass());
            }
        }
        boolean guided = s.cfgScale() != 1f;
        long[] ids = guided ? new long[2 * b] : new long[b];                              // (rows)
        System.arraycopy(classIds, 0, ids, 0, b);
        if (guided) {
            Arrays.fill(ids, b, 2 * b, spec.nullClass());
        }
        int[][] out = new int[b][n];
        Random rnd = new Random(s.seed());
        try (NoGrad noGrad = NoGrad.enter(); NDManager sm = m.newSubManager()) {
            KvCache cache = model.newCache(sm);
            float[] l = step(model, sm, ids, 0, cache);                                   // (rows * vocab): predicts cell 0
            for (int cell = 0; cell < n; cell++) {
                if (guided) {
                    l = guide(l, b * k, s.cfgScale());                                    // (B * vocab)
                }
                if (listener != null) {
                    listener.step(cell, l);
                }
                for (int i = 0; i < b; i++) {
                    out[i][cell] = Sampler.sample(l, i * k, k, s, rnd);
                    ids[i] = out[i][cell];
                    if (guided) {
                        ids[b + i] = out[i][cell];
                    }
                }
                if (cell + 1 < n) {
                    l = step(model, sm, ids, cell + 1, cache);
                }
            }
        }
        return out;
    }

    /** uncond + (cond - uncond) * scale in float32, in this order, as generate.py: the first half of the rows guided by the second. */
    private static float[] guide(float[] both, int half, float scale) {
        float[] g = new float[half];
        for (int i = 0; i < half; i++) {
            float cond = both[i], uncond = both[half + i];
            g[i] = uncond + (cond - uncond) * scale;
        }
        return g;
    }

    /** One cached step in its own manager, so that only the cache outlives it: (rows) -> (rows * vocab) logits. */
    private static float[] step(LlamaGpt model, NDManager sm, long[] ids, int pos, KvCache cache) {
        try (NDManager st = sm.newSubManager()) {
            return model.step(st.create(ids), pos, cache).toFloatArray();
        }
    }
}
