package io.vqstudio.bridge.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits one timed call into named phases (encoder, quantizer, decoder, losses, backward,
 * optimizer; or the laps a model marks itself) by wall-clock marks; a phase met twice in a call
 * adds up. libtorch's CPU ops run eagerly on the calling thread, so the time between two marks is
 * the time of the ops issued between them. Reports the median of each phase over the timed calls.
 */
final class PhaseClock {

    private final List<String> names = new ArrayList<>();
    private final List<double[]> samples = new ArrayList<>();
    private final int calls;
    private int call = -1;
    private long last;

    /** @param calls how many calls are timed (a warm-up call before them is not recorded) */
    PhaseClock(int calls) {
        this.calls = calls;
    }

    /** Starts timed call {@code callIndex} (0-based), or the unrecorded warm-up when it is -1. */
    void start(int callIndex) {
        call = callIndex;
        last = System.nanoTime();
    }

    /** Ends the phase {@code name}, which began at the previous mark (or the start). */
    void mark(String name) {
        long now = System.nanoTime();
        add(name, now - last);
        last = now;
    }

    /** Records the laps a model marked during the current call ({@link io.vqstudio.bridge.nn.Laps}). */
    void record(Map<String, Long> laps) {
        laps.forEach(this::add);
    }

    private void add(String name, long nanos) {
        if (call >= 0) {
            int at = names.indexOf(name);
            if (at < 0) {
                at = names.size();
                names.add(name);
                samples.add(new double[calls]);
            }
            samples.get(at)[call] += nanos / 1e9;
        }
    }

    /** Median seconds of each phase, in the order they were marked. */
    Map<String, Double> medians() {
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            double[] s = samples.get(i).clone();
            Arrays.sort(s);
            out.put(names.get(i), s[s.length / 2]);
        }
        return out;
    }
}
