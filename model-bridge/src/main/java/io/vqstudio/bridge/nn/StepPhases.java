package io.vqstudio.bridge.nn;

/**
 * Where the time of autoregressive decoding goes, phase by phase, for the prior benchmark: each
 * {@link #lap} counts the wall time since the previous lap as one phase. Off unless a benchmark
 * turns it on for its thread (then a lap is one clock read); the operations of a step run
 * synchronously on the CPU, so laps between them time what ran between them.
 */
public final class StepPhases {

    /**
     * The phases of one decoding step and the draw after it; RELEASE is freeing the step's arrays
     * (one native call each), SAMPLING the draws in Java and the loop around them.
     */
    public enum Phase { EMBEDDING, ATTENTION, MLP, HEAD, RELEASE, SAMPLING }

    private static final ThreadLocal<StepPhases> ACTIVE = new ThreadLocal<>();

    private final long[] nanos = new long[Phase.values().length];
    private long last = System.nanoTime();

    private StepPhases() {}

    /** Starts counting on this thread (until {@link #stop}). */
    public static void start() {
        ACTIVE.set(new StepPhases());
    }

    /** Stops counting on this thread: nanoseconds per phase, in {@link Phase} order; zeros if it was off. */
    public static long[] stop() {
        StepPhases p = ACTIVE.get();
        ACTIVE.remove();
        return p == null ? new long[Phase.values().length] : p.nanos;
    }

    /** Counts the time since the previous lap as {@code phase} (nothing when off). */
    public static void lap(Phase phase) {
        StepPhases p = ACTIVE.get();
        if (p != null) {
            long now = System.nanoTime();
            p.nanos[phase.ordinal()] += now - p.last;
            p.last = now;
        }
    }
}
