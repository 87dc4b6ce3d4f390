package io.vqstudio.bridge.train;

import io.vqstudio.bridge.io.TokenFile;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Batches of token grids from a {@link TokenFile}: the training split reshuffled every epoch by a
 * seeded permutation, so batch {@code step} is the same on a resumed run; the validation split in
 * file order.
 */
final class TokenBatches {

    /** (B, n) int64 codes and (B) class ids (labels, or "no class" where dropped). */
    record Batch(long[] tokens, long[] classes, int size) {}

    private final TokenFile.Data data;
    private final int[] train;
    private final int[] validation;
    private final int batchSize;
    private final long seed;
    private int[] order;
    private long orderEpoch = -1;

    TokenBatches(TokenFile.Data data, int batchSize, long seed) {
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        this.train = IntStream.range(0, data.size()).filter(i -> data.splits()[i] == 0).toArray();
        this.validation = IntStream.range(0, data.size()).filter(i -> data.splits()[i] != 0).toArray();
    }

    int trainSize() {
        return train.length;
    }

    int validationSize() {
        return validation.length;
    }

    /** The training batch of {@code step}; labels become {@code noClass} with probability {@code dropout}. */
    Batch train(long step, float dropout, int noClass, Random rnd) {
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            long pos = step * batchSize + i;
            int[] o = orderFor(pos / train.length);
            idx[i] = train[o[(int) (pos % train.length)]];
        }
        Batch b = gather(idx);
        for (int i = 0; i < b.size(); i++) {
            if (rnd.nextFloat() < dropout) {
                b.classes()[i] = noClass;
            }
        }
        return b;
    }

    Batch validation(int from, int count) {
        return gather(java.util.Arrays.copyOfRange(validation, from, from + count));
    }

    /** Entropy of the training split's code frequencies, in bits per token. */
    double unigramBits(int codebookSize) {
        long[] counts = new long[codebookSize];
        int n = data.tokens();
        for (int r : train) {
            for (int j = 0; j < n; j++) {
                counts[data.codes()[r * n + j]]++;
            }
        }
        double total = (double) train.length * n, h = 0;
        for (long c : counts) {
            if (c > 0) {
                h -= c / total * Math.log(c / total) / Math.log(2);
            }
        }
        return h;
    }

    private Batch gather(int[] records) {
        int n = data.tokens();
        long[] tokens = new long[records.length * n];
        long[] classes = new long[records.length];
        for (int i = 0; i < records.length; i++) {
            for (int j = 0; j < n; j++) {
                tokens[i * n + j] = data.codes()[records[i] * n + j];
            }
            classes[i] = data.labels()[records[i]];
        }
        return new Batch(tokens, classes, records.length);
    }

    private int[] orderFor(long epoch) {
        if (epoch != orderEpoch) {
            order = IntStream.range(0, train.length).toArray();
            Random r = new Random(seed * 0x9E3779B97F4A7C15L + epoch);
            for (int i = order.length - 1; i > 0; i--) {
                int j = r.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            orderEpoch = epoch;
        }
        return order;
    }
}
