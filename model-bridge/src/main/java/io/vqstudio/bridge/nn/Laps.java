package io.vqstudio.bridge.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Named wall-clock laps inside a model's own methods, for the benchmarks' per-phase figures
 * ({@link StepPhases} names those of a decoding step): each {@link #mark} counts the time since the
 * previous mark (or the start) under a name, adding up when a name comes back (one lap per slice of
 * a sliced batch). Off unless a benchmark turns it on for its thread, and then a mark is one clock
 * read; libtorch's CPU operations run synchronously on the calling thread, so a lap times the
 * operations issued inside it.
 */
public final class Laps {

    private static final ThreadLocal<Laps> ACTIVE = new ThreadLocal<>();

    private final Map<String, Long> nanos = new LinkedHashMap<>();
    private long last = System.nanoTime();

    private Laps() {}

    /** Starts counting on this thread (until {@link #stop}). */
    public static void start() {
        ACTIVE.set(new Laps());
    }

    /**
     * Stops counting on this thread: nanoseconds per name, in the order the names first came; empty
     * if counting was off. Time since the last mark is not counted.
     */
    public static Map<String, Long> stop() {
        Laps laps = ACTIVE.get();
        ACTIVE.remove();
        return laps == null ? Map.of() : laps.nanos;
    }

    /** Counts the time since the previous mark under {@code name} (nothing when off). */
    public static void mark(String name) {
        Laps laps = ACTIVE.get();
        if (laps != null) {
            long now = System.nanoTime();
            laps.nanos.merge(name, now - laps.last, Long::sum);
            laps.last = now;
        }
    }
}
