package io.vqstudio.bridge.nn;

import java.util.Map;

/**
 * Where the time of autoregressive decoding goes, phase by phase, for the prior benchmark: the
 * decoding step's {@link Laps} under fixed names. Off unless a benchmark turns it on for its thread
 * (then a lap is one clock read).
 */
public final class StepPhases {

    /**
     * The phases of one decoding step and the draw after it; RELEASE is freeing the step's arrays
     * (one native call each), SAMPLING the draws in Java and the loop around them.
     */
    public enum Phase { EMBEDDING, ATTENTION, MLP, HEAD, RELEASE, SAMPLING }

    private StepPhases() {}

    /** Starts counting on this thread (until {@link #stop}). */
    public static void start() {
        Laps.start();
    }

    /** Stops counting on this thread: nanoseconds per phase, in {@link Phase} order; zeros if it was off. */
    public static long[] stop() {
        Map<String, Long> laps = Laps.stop();
        long[] nanos = new long[Phase.values().length];
        for (Phase phase : Phase.values()) {
            nanos[phase.ordinal()] = laps.getOrDefault(phase.name(), 0L);
        }
        return nanos;
    }

    /** Counts the time since the previous lap as {@code phase} (nothing when off). */
    public static void lap(Phase phase) {
        Laps.mark(phase.name());
    }
}
