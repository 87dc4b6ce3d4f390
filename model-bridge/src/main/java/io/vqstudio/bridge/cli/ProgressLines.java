package io.vqstudio.bridge.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Progress for a log file or a pipe (stderr is not a terminal): whole lines such as
 * {@code train tokenizer 120/1000 steps (12%), 3.2 steps/s, ETA 4m 35s}, one at every tenth of the
 * work and at least every {@link #EVERY_NANOS} between, never a carriage return.
 */
final class ProgressLines {

    static final long EVERY_NANOS = 10_000_000_000L;

    private final PrintStream err;
    private final String name;
    private final LongSupplier nanos;
    private long startNanos = -1;
    private long startDone;
    private long lastNanos;
    private long lastTenth = -1;
    private boolean finished;

    ProgressLines(PrintStream err, String name, LongSupplier nanos) {
        this.err = err;
        this.name = name;
        this.nanos = nanos;
    }

    void update(long done, long total, String unit, String message) {
        long now = nanos.getAsLong();
        if (startNanos < 0) {
            startNanos = now; // a resumed job starts part-way: its rate counts from here
            startDone = done;
        }
        long tenth = total > 0 ? Math.min(10, done * 10 / total) : 0;
        boolean end = total > 0 && done >= total;
        if (finished || !(tenth > lastTenth || end || now - lastNanos >= EVERY_NANOS)) {
            return;
        }
        finished = end;
        lastTenth = tenth;
        lastNanos = now;
        err.println(line(done, total, unit, message, now));
    }

    private String line(long done, long total, String unit, String message, long now) {
        StringBuilder sb = new StringBuilder(name).append(' ').append(done).append('/').append(total).append(' ').append(unit);
        sb.append(String.format(Locale.ROOT, " (%d%%)", Math.round(100.0 * done / total)));
        double seconds = (now - startNanos) / 1e9;
        if (seconds > 0 && done > startDone) {
            double rate = (done - startDone) / seconds;
            sb.append(String.format(Locale.ROOT, ", %.1f %s/s", rate, unit));
            if (done < total) {
                sb.append(", ETA ").append(duration((total - done) / rate));
            }
        }
        if (message != null && !message.isEmpty()) {
            sb.append("  ").append(message);
        }
        return sb.toString();
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return (s / 60) + "m " + (s % 60) + "s";
        }
        return (s / 3600) + "h " + (s % 3600 / 60) + "m";
    }
}
