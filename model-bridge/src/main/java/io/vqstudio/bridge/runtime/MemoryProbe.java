package io.vqstudio.bridge.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Process memory as the kernel sees it (native tensors included), from /proc/self/status. */
public final class MemoryProbe {

    private MemoryProbe() {}

    /** Resident set size in bytes, or -1 where /proc is not available. */
    public static long rssBytes() {
        return statusField("VmRSS:");
    }

    /** Peak resident set size (high-water mark) in bytes, or -1. */
    public static long peakRssBytes() {
        return statusField("VmHWM:");
    }

    private static long statusField(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024L;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    public static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format("%.0f MiB", bytes / (1024.0 * 1024.0));
    }
}
