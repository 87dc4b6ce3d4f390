package io.vqstudio.bridge.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * How a vector quantizer uses its codebook over an evaluation set: code counts accumulated batch by
 * batch, then usage (the fraction of the K codes chosen at least once), dead codes (never chosen),
 * the perplexity exp(H) of the empirical code distribution (K when all codes are equally used, 1
 * when one code takes everything; ViT-VQGAN and VQ-VAE-2 report it), and the most used codes.
 */
public final class CodebookStats {

    /** One code and how often it was chosen. */
    public record CodeCount(int code, long count, double fraction) {}

    private final long[] counts;
    private long total;

    public CodebookStats(int codebookSize) {
        if (codebookSize < 1) {
            throw new IllegalArgumentException("codebook size must be at least 1, got " + codebookSize);
        }
        this.counts = new long[codebookSize];
    }

    /** Counts code ids, e.g. a quantizer's (B, T) indices flattened; each must be in [0, K). */
    public void add(long[] codes) {
        for (long c : codes) {
            if (c < 0 || c >= counts.length) {
                throw new IllegalArgumentException("code " + c + " is outside the codebook [0, " + counts.length + ")");
            }
            counts[(int) c]++;
        }
        total += codes.length;
    }

    public void add(int[] codes) {
        long[] wide = new long[codes.length];
        for (int i = 0; i < codes.length; i++) {
            wide[i] = codes[i];
        }
        add(wide);
    }

    public int codebookSize() {
        return counts.length;
    }

    /** Code ids counted so far. */
    public long total() {
        return total;
    }

    /** A copy of the per-code counts. */
    public long[] counts() {
        return counts.clone();
    }

    public int usedCodes() {
        int used = 0;
        for (long c : counts) {
            used += c > 0 ? 1 : 0;
        }
        return used;
    }

    /** Fraction of the codebook used at least once, in [0, 1]. */
    public double usage() {
        return (double) usedCodes() / counts.length;
    }

    public int deadCodes() {
        return counts.length - usedCodes();
    }

    /** Shannon entropy of the empirical code distribution, in nats; 0 before anything is counted. */
    public double entropy() {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                double p = (double) c / total;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    /** exp(entropy), in [1, K]: the number of equally used codes that would give the same entropy. */
    public double perplexity() {
        return Math.exp(entropy());
    }

    /** The {@code n} most used codes, most used first (ties by code id). */
    public List<CodeCount> topCodes(int n) {
        List<CodeCount> all = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            all.add(new CodeCount(i, counts[i], total == 0 ? 0 : (double) counts[i] / total));
        }
        all.sort(Comparator.comparingLong(CodeCount::count).reversed().thenComparingInt(CodeCount::code));
        return List.copyOf(all.subList(0, Math.min(n, all.size())));
    }
}
