package io.vqstudio.bridge.io;

import java.lang.management.ManagementFactory;

/**
 * What a model costs in memory before it is built: its parameter count (float32 weights, as
 * training keeps them and loading makes them) and the activations of one forward pass over one
 * image or grid, dominated by attention's (heads, T, T) scores. Both are estimates from the spec,
 * counting the large terms only; batches and training need several times more, so this is a floor:
 * a model that fails it cannot even be loaded and run once.
 *
 * @param parameters      estimated weights
 * @param activationBytes estimated peak activations of one forward pass at batch 1
 * @param heaviest        the spec field that accounts for most of it, named in the refusal
 */
public record Footprint(long parameters, long activationBytes, String heaviest) {

    /** Weights as float32 plus activations; {@link SpecLimits} keeps both far inside a long. */
    public long bytes() {
        return 4 * parameters + activationBytes;
    }

    /**
     * @throws SpecException naming {@link #heaviest} when the model needs more than the memory of this
     *                       machine (the physical memory, or a container's limit, as the JVM sees it)
     */
    public void requireFits() {
        long have = physicalMemory();
        if (bytes() > have) {
            throw new SpecException(heaviest, String.format(
                    "makes the model too large for this machine: its weights and one forward pass need about %s"
                            + " (%,d parameters), more than the %s of memory here", gib(bytes()), parameters, gib(have)));
        }
    }

    /** The machine's memory in bytes; unbounded where the JVM cannot tell. */
    static long physicalMemory() {
        try {
            if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                    && os.getTotalMemorySize() > 0) {
                return os.getTotalMemorySize();
            }
        } catch (RuntimeException | LinkageError e) {
            return Long.MAX_VALUE;
        }
        return Long.MAX_VALUE;
    }

    private static String gib(long bytes) {
        return String.format("%.1f GiB", bytes / (double) (1L << 30));
    }
}
