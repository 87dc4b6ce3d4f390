package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.Progress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IntSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a dataset holds, found by decoding every image once: the {@code dataset-info} command's answer.
 *
 * @param location           the source path
 * @param totalImages        image files found
 * @param readableImages     images that decoded
 * @param perClass           class id to readable images, in class order
 * @param resolutions        "WxH" to readable images, most frequent first
 * @param greyscaleImages    readable images stored as grey levels
 * @param unreadableImages   files that could not be decoded
 * @param unreadableExamples the first few of them as "name (reason)", in entry order
 * @param classNames         class id to human-readable name
 */
public record DatasetReport(String location, int totalImages, int readableImages, Map<String, Integer> perClass,
                            Map<String, Integer> resolutions, int greyscaleImages, int unreadableImages,
                            List<String> unreadableExamples, Map<String, String> classNames) {

    public DatasetReport {
        perClass = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(perClass));
        resolutions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(resolutions));
        unreadableExamples = List.copyOf(unreadableExamples);
        classNames = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(classNames));
    }

    /**
     * Decodes every entry of {@code src} on {@code threads} threads. The result does not depend on
     * the thread count: results are gathered per entry and summed in entry order.
     *
     * @param progress told about decoded entries on the calling thread
     * @throws InterruptedException when the calling thread is interrupted (the workers stop too)
     */
    public static DatasetReport scan(ImageSource src, int threads, Progress progress) throws InterruptedException {
        List<ImageEntry> entries = src.entries();
        int n = entries.size();
        int[] width = new int[n], height = new int[n];
        boolean[] grey = new boolean[n];
        String[] failure = new String[n];
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, "vq-dataset-scan");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> workers = new ArrayList<>();
        try {
            for (int w = 0; w < Math.max(1, threads); w++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < n && !Thread.currentThread().isInterrupted(); ) {
                        try {
                            // Target side 1: a large photo is read at its most subsampled, its size taken from the header.
                            DecodedImage img = src.decode(entries.get(i), 1);
                            width[i] = img.fileWidth();
                            height[i] = img.fileHeight();
                            grey[i] = Preprocess.isGreyscale(img.image());
                        } catch (UnreadableImageException e) {
                            failure[i] = e.getMessage(); // "name (reason)"
                        }
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            pool.shutdown();
            while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
                progress.progress(done.get(), n, "images", null);
            }
            for (Future<?> f : workers) {
                f.get(); // rethrows a source failure (not a bad image) from a worker
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Scanning " + src.location() + " failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        progress.progress(n, n, "images", null);
        return summarise(src, entries, width, height, grey, failure);
    }

    private static DatasetReport summarise(ImageSource src, List<ImageEntry> entries, int[] width, int[] height,
                                           boolean[] grey, String[] failure) {
        Map<String, Integer> perClass = new LinkedHashMap<>();
        src.classes().forEach(c -> perClass.put(c, 0));
        Map<String, Integer> res = new HashMap<>();
        List<String> examples = new ArrayList<>();
        int readable = 0, greyCount = 0, bad = 0;
        for (int i = 0; i < entries.size(); i++) {
            if (failure[i] != null) {
                if (bad++ < SkipLog.EXAMPLES) {
                    examples.add(failure[i]);
                }
                continue;
            }
            readable++;
            greyCount += grey[i] ? 1 : 0;
            perClass.merge(src.classes().get(entries.get(i).label()), 1, Integer::sum);
            res.merge(width[i] + "x" + height[i], 1, Integer::sum);
        }
        Map<String, Integer> resolutions = new LinkedHashMap<>();
        res.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> resolutions.put(e.getKey(), e.getValue()));
        return new DatasetReport(src.location(), entries.size(), readable, perClass, resolutions, greyCount, bad,
                examples, src.classNames());
    }

    /** The warning line for unreadable files, empty when there are none. */
    public String unreadableWarning() {
        return SkipLog.warning(unreadableImages, unreadableExamples);
    }

    /** A readable multi-line summary for a terminal. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("Dataset      ").append(location).append('\n');
        sb.append(String.format("Images       %d files, %d readable, %d unreadable, %d greyscale%n",
                totalImages, readableImages, unreadableImages, greyscaleImages));
        IntSummaryStatistics stats = perClass.values().stream().mapToInt(Integer::intValue).summaryStatistics();
        sb.append(String.format("Classes      %d (images per class: min %d, max %d, mean %.1f)%n",
                perClass.size(), stats.getMin(), stats.getMax(), stats.getAverage()));
        perClass.entrySet().stream().limit(5).forEach(e -> sb.append(String.format("  %-16s %6d  %s%n",
                e.getKey(), e.getValue(), classNames.getOrDefault(e.getKey(), e.getKey()))));
        if (perClass.size() > 5) {
            sb.append("  ... ").append(perClass.size() - 5).append(" more").append('\n');
        }
        perClass.entrySet().stream().min(Comparator.comparing(Map.Entry<String, Integer>::getValue))
                .filter(e -> stats.getMin() < stats.getMax())
                .ifPresent(e -> sb.append("  smallest class: ").append(e.getKey()).append(" (").append(e.getValue()).append(")\n"));
        sb.append("Resolutions  ");
        List<String> top = new ArrayList<>();
        resolutions.entrySet().stream().limit(5).forEach(e -> top.add(e.getKey() + ": " + e.getValue()));
        sb.append(top.isEmpty() ? "none" : String.join(", ", top));
        if (resolutions.size() > 5) {
            sb.append(", ... (").append(resolutions.size()).append(" sizes)");
        }
        sb.append('\n');
        if (unreadableImages > 0) {
            sb.append(unreadableWarning()).append('\n');
        }
        return sb.toString();
    }
}
