package io.vqstudio.bridge.train;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.core.Progress;
import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.ImageEntry;
import io.vqstudio.bridge.data.UnreadableImageException;
import io.vqstudio.bridge.io.TokenFile;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.family.TokenizerStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Encodes a whole dataset into a {@link TokenFile}, streaming: chunks of images are decoded on two
 * background threads while the engine encodes the previous chunk, records are appended as they
 * come, and an interrupted run continues where it stopped. Training images come first, then the
 * held-out ones, each record tagged with its split.
 */
public final class Tokenize {

    private static final int CHUNK = 64;

    private Tokenize() {}

    /** A decoded chunk: pixels of the readable images, their labels and splits. */
    private record Chunk(float[] pixels, int[] labels, byte[] splits, int size, long endEntry) {}

    public static TokenFile.Header run(Path tokenizerPath, DataSpec data, Path out, Progress progress) throws IOException {
        try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
            TokenizerStore.Opened loaded = TokenizerStore.open(tokenizerPath, m, progress);
            ImageTokenizer t = loaded.tokenizer();
            int res = t.resolution();
            try (ImageDataset ds = ImageDataset.open(data.withResolution(res).withFlip(false))) {
                List<ImageEntry> entries = new ArrayList<>(ds.train());
                entries.addAll(ds.validation());
                int trainCount = ds.train().size();
                List<String> names = ds.classes().stream().map(c -> ds.classNames().getOrDefault(c, c)).toList();
                TokenFile.Header fresh = TokenFile.Header.create(loaded.header().id(), t.name(), t.gridSize(),
                        t.codebookSize(), ds.classes(), names, ds.location(), data.validationFraction());
                ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
                    Thread th = new Thread(r, "vq-tokenize-decode");
                    th.setDaemon(true);
                    return th;
                });
                try (TokenFile.Writer w = TokenFile.Writer.openOrResume(out, fresh)) {
                    long next = w.header().entriesDone();
                    if (next > 0) {
                        progress.notice("Resuming " + out + " at image " + next + " of " + entries.size());
                    }
                    CompletableFuture<Chunk> pending = next < entries.size()
                            ? decode(ds, entries, trainCount, next, res, pool) : null;
                    while (pending != null) {
                        progress.checkCancelled();
                        Chunk c = pending.join();
                        pending = c.endEntry() < entries.size()
                                ? decode(ds, entries, trainCount, c.endEntry(), res, pool) : null;
                        long[] codes = new long[0];
                        if (c.size() > 0) {
                            try (NDManager sm = m.newSubManager(); NoGrad noGrad = NoGrad.enter()) {
                                codes = t.encode(sm.create(c.pixels(), new Shape(c.size(), 3, res, res))).toLongArray();
                            }
                        }
                        w.append(c.splits(), c.labels(), codes, c.endEntry());
                        progress.progress(c.endEntry(), entries.size(), "images", "");
                    }
                    w.finish();
                    if (!ds.skipLog().isEmpty()) {
                        progress.notice(ds.skipLog().warning());
                    }
                    return w.header();
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    private static CompletableFuture<Chunk> decode(ImageDataset ds, List<ImageEntry> entries, int trainCount,
                                                   long from, int res, ExecutorService pool) {
        int end = (int) Math.min(entries.size(), from + CHUNK);
        List<CompletableFuture<float[]>> images = new ArrayList<>();
        for (int i = (int) from; i < end; i++) {
            ImageEntry e = entries.get(i);
            images.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return ds.tensor(e, false);
                } catch (UnreadableImageException bad) {
                    return null; // recorded in the dataset's skip log
                } catch (IOException io) {
                    throw new java.io.UncheckedIOException(io);
                }
            }, pool));
        }
        return CompletableFuture.allOf(images.toArray(CompletableFuture[]::new)).thenApply(v -> {
            int len = 3 * res * res, n = 0;
            float[] px = new float[images.size() * len];
            int[] labels = new int[images.size()];
            byte[] splits = new byte[images.size()];
            for (int i = 0; i < images.size(); i++) {
                float[] img = images.get(i).join();
                if (img != null) {
                    System.arraycopy(img, 0, px, n * len, len);
                    labels[n] = entries.get((int) from + i).label();
                    splits[n] = (byte) (from + i < trainCount ? 0 : 1);
                    n++;
                }
            }
            return new Chunk(java.util.Arrays.copyOf(px, n * len), java.util.Arrays.copyOf(labels, n),
                    java.util.Arrays.copyOf(splits, n), n, end);
        });
    }
}
