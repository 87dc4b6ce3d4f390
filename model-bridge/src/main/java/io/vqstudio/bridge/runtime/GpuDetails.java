package io.vqstudio.bridge.runtime;

import java.util.Locale;

/**
 * What a CUDA GPU is, as its driver reports it: shown by {@code info} and the studio's status bar,
 * and used to decide whether half precision pays off.
 *
 * @param name               the marketing name, e.g. {@code NVIDIA GeForce RTX 4090}
 * @param totalMemoryBytes   device memory in bytes
 * @param computeMajor       compute capability, major part (7 = Volta/Turing, 8 = Ampere/Ada, 9 = Hopper)
 * @param computeMinor       compute capability, minor part
 */
public record GpuDetails(String name, long totalMemoryBytes, int computeMajor, int computeMinor) {

    /**
     * Whether float16 matrix products run on tensor cores (compute capability 7.0 and up). Older
     * GPUs compute float16 at a fraction of their float32 rate (1/64 on consumer Pascal cards).
     */
    public boolean fastFloat16() {
        return computeMajor >= 7;
    }

    /** E.g. {@code NVIDIA H100 80GB HBM3, 79.2 GiB, compute capability 9.0}. */
    public String describe() {
        return String.format(Locale.ROOT, "%s, %.1f GiB, compute capability %d.%d", name,
                totalMemoryBytes / (double) (1L << 30), computeMajor, computeMinor);
    }
}
