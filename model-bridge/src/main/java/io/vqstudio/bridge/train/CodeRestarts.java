package io.vqstudio.bridge.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.tokenizer.Tokenizer;
import io.vqstudio.bridge.vq.VectorQuantizer;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Counts which codes the training batches choose and, every {@code restartEvery} steps, moves the
 * codes nobody chose onto current encoder outputs (with their optimiser moments reset). Counting
 * restarts at every restart, so a run resumed from a checkpoint taken on a restart boundary (make
 * the checkpoint interval a multiple of it) continues exactly.
 */
final class CodeRestarts {

    private final int every;
    private final long[] counts;

    CodeRestarts(int codebookSize, int every) {
        this.every = every;
        this.counts = new long[codebookSize];
    }

    boolean enabled() {
        return every > 0;
    }

    /** Records the code ids (any shape) one training batch chose. */
    void record(NDArray indices) {
        if (enabled()) {
            for (long id : indices.toLongArray()) {
                counts[(int) id]++;
            }
        }
    }

    /**
     * At a restart boundary, restarts the unused codes on the batch {@code x} (B, 3, H, W).
     *
     * @return how many codes were restarted (0 between boundaries)
     */
    int maybeRestart(long step, Tokenizer model, NDArray x, Adam opt, long seed) {
        if (!enabled() || step == 0 || step % every != 0) {
            return 0;
        }
        int[] dead = IntStream.range(0, counts.length).filter(i -> counts[i] == 0).toArray();
        java.util.Arrays.fill(counts, 0);
        if (dead.length == 0) {
            return 0;
        }
        try (NoGrad noGrad = NoGrad.enter(); NDScope scope = new NDScope()) {
            model.quantizer().restart(dead, model.encodeContinuous(x), new Random(seed * 31 + step));
        }
        opt.resetRows("quantizer." + VectorQuantizer.CODEBOOK, dead);
        return dead.length;
    }
}
