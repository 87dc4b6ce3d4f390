package io.vqstudio.bridge.data;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Batches of one {@link Split.Part} of an {@link ImageDataset}, decoded ahead on background daemon
 * threads so the engine thread only copies finished tensors.
 *
 * <p>The images of a pass are the part's entries, reshuffled each epoch when shuffling, one epoch
 * after another; batches are consecutive slices of that sequence, so only the very last batch of a
 * finite pass can be smaller than the batch size. Order, contents and flips depend only on the seed:
 * decoding runs in parallel but results are taken in sequence order, and an unreadable file is
 * skipped (recorded in the dataset's {@link SkipLog}) at the same place whatever the timing.
 * Training images are flipped left-right at random when the spec asks for it; validation never is.
 *
 * <p>Not thread-safe: one consumer calls {@link #hasNext()}/{@link #next()}. A decoding failure
 * other than a bad image is thrown from {@code next()}/{@code hasNext()}. {@link #close()} stops the threads.
 */
public final class BatchLoader implements Iterator<ImageBatch>, AutoCloseable {

    /** Batches decoded ahead of the consumer. */
    private static final int PREFETCH_BATCHES = 3;
    private static final AtomicInteger POOL_IDS = new AtomicInteger();

    private final ImageDataset dataset;
    private final Split.Part part;
    private final List<ImageEntry> entries;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean flip;
    private final long seed;
    private final long total; // images in the pass; Long.MAX_VALUE when endless
    private final int resolution;
    private final ExecutorService pool;
    private final ArrayDeque<Future<Decoded>> inFlight = new ArrayDeque<>();
    private final int window;
    private final AtomicLong decoded = new AtomicLong();

    private long submitted;      // position in the sequence of the next image to submit
    private int[] order;         // permutation for the epoch being submitted
    private long orderEpoch = -1;
    private int consecutiveSkips;
    private ImageBatch pending;
    private boolean finished;

    private record Decoded(float[] pixels, int label) { }

    private BatchLoader(Builder b) {
        this.dataset = b.dataset;
        this.part = b.part;
        this.entries = dataset.entries(part);
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.flip = dataset.spec().flip() && part == Split.Part.TRAIN;
        this.seed = b.seed;
        this.resolution = dataset.spec().resolution();
        if (b.epochs == 0 && entries.isEmpty()) {
            throw new IllegalArgumentException("The " + part.name().toLowerCase() + " part of " + dataset.location()
                    + " is empty; nothing to load forever");
        }
        this.total = b.epochs == 0 ? Long.MAX_VALUE : (long) b.epochs * entries.size();
        this.window = Math.max(batchSize * PREFETCH_BATCHES, b.threads * 2);
        int id = POOL_IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(b.threads, r -> {
            Thread t = new Thread(r, "vq-decode-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.submitted = b.startAt;
        this.finished = total == 0 || submitted >= total;
        refill();
    }

    /** Starts a loader over {@code part}: batch 32, shuffled when training, the spec's seed, 2 threads, 1 epoch. */
    public static Builder builder(ImageDataset dataset, Split.Part part) {
        return new Builder(dataset, part);
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = assemble();
        }
        return pending != null;
    }

    @Override
    public ImageBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException("the pass over " + dataset.location() + " is finished");
        }
        ImageBatch b = pending;
        pending = null;
        return b;
    }

    /** Images decoded so far by this loader (skipped files not counted). */
    public long imagesDecoded() {
        return decoded.get();
    }

    public int batchSize() {
        return batchSize;
    }

    /** The dataset's log of skipped files, for the warning after an epoch. */
    public SkipLog skipLog() {
        return dataset.skipLog();
    }

    /** Stops the decode threads; further calls to {@link #hasNext()} return false. */
    @Override
    public void close() {
        finished = true;
        pending = null;
        pool.shutdownNow();
        inFlight.clear();
    }

    private ImageBatch assemble() {
        int len = resolution * resolution * 3;
        float[] pixels = new float[batchSize * len];
        int[] labels = new int[batchSize];
        int n = 0;
        while (n < batchSize && !inFlight.isEmpty()) {
            Decoded d = take();
            refill();
            if (d == null) {
                if (++consecutiveSkips >= entries.size()) {
                    close();
                    throw new IllegalStateException("None of the " + entries.size() + " images in the "
                            + part.name().toLowerCase() + " part of " + dataset.location() + " could be read. "
                            + dataset.skipLog().warning());
                }
                continue;
            }
            consecutiveSkips = 0;
            System.arraycopy(d.pixels(), 0, pixels, n * len, len);
            labels[n++] = d.label();
        }
        if (inFlight.isEmpty()) {
            finished = true;
        }
        if (n == 0) {
            return null;
        }
        if (n < batchSize) {
            pixels = java.util.Arrays.copyOf(pixels, n * len);
            labels = java.util.Arrays.copyOf(labels, n);
        }
        return new ImageBatch(pixels, labels, n, resolution);
    }

    private Decoded take() {
        Future<Decoded> f = inFlight.poll();
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new CancellationException("interrupted while waiting for images from " + dataset.location());
        } catch (ExecutionException e) {
            close();
            Throwable cause = e.getCause();
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("Reading images from " + dataset.location() + " failed: " + cause, cause);
        }
    }

    /** Keeps {@link #window} decodes queued ahead of the consumer. */
    private void refill() {
        while (!finished && inFlight.size() < window && submitted < total) {
            long pos = submitted++;
            int epochSize = entries.size();
            long epoch = pos / epochSize;
            int i = (int) (pos % epochSize);
            ImageEntry e = entries.get(shuffle ? orderFor(epoch)[i] : i);
            boolean mirror = flip && (mix(seed ^ mix(pos + 0x632BE59BD9B4E019L)) & 1) == 1;
            inFlight.add(pool.submit(() -> decode(e, mirror)));
        }
    }

    private Decoded decode(ImageEntry e, boolean mirror) throws Exception {
        if (dataset.skipLog().contains(e.name())) {
            return null; // known bad: not worth reading again next epoch
        }
        try {
            float[] px = dataset.tensor(e, mirror);
            decoded.incrementAndGet();
            return new Decoded(px, e.label());
        } catch (UnreadableImageException bad) {
            return null; // already in the skip log
        }
    }

    private int[] orderFor(long epoch) {
        if (epoch != orderEpoch) {
            int n = entries.size();
            order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            // java.util.Random's sequence is fixed by its specification, so orders match across JVMs.
            Random rnd = new Random(mix(seed * 0x9E3779B97F4A7C15L + epoch));
            for (int i = n - 1; i > 0; i--) {
                int j = rnd.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            orderEpoch = epoch;
        }
        return order;
    }

    /** SplitMix64's finaliser: spreads nearby inputs over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Options for a {@link BatchLoader}; every one has a default. */
    public static final class Builder {
        private final ImageDataset dataset;
        private final Split.Part part;
        private int batchSize = 32;
        private boolean shuffle;
        private long seed;
        private int threads = 2;
        private int epochs = 1;
        private long startAt;

        private Builder(ImageDataset dataset, Split.Part part) {
            this.dataset = java.util.Objects.requireNonNull(dataset, "dataset");
            this.part = java.util.Objects.requireNonNull(part, "part");
            this.shuffle = part == Split.Part.TRAIN;
            this.seed = dataset.spec().seed();
        }

        public Builder optBatchSize(int batchSize) {
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Decode threads; the default 2 keeps a 64px JPEG pipeline ahead of a small model. */
        public Builder optThreads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be positive, got " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** A finite pass of this many epochs (default 1). */
        public Builder optEpochs(int epochs) {
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be positive, got " + epochs);
            }
            this.epochs = epochs;
            return this;
        }

        /** An endless pass: full batches, reshuffled every epoch, until {@link BatchLoader#close()}. */
        public Builder optForever() {
            this.epochs = 0;
            return this;
        }

        /**
         * Starts at this position of the pass (images, counting skipped files), as a resumed
         * training run does: the batches are those an uninterrupted loader gives from there on.
         */
        public Builder optStartAt(long position) {
            if (position < 0) {
                throw new IllegalArgumentException("start position must be non-negative, got " + position);
            }
            this.startAt = position;
            return this;
        }

        public BatchLoader build() {
            return new BatchLoader(this);
        }
    }
}
