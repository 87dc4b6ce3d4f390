package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import java.io.PrintStream;
import java.util.concurrent.ExecutionException;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Waits for a job in a terminal: a progress bar with rate and ETA on stderr for long work,
 * metrics and warnings as lines, and Ctrl-C cancels the job (which saves what it should).
 */
final class JobRunner {

    private JobRunner() {}

    static <R> R await(Job<R> job, boolean quiet) throws Exception {
        PrintStream err = System.err;
        ProgressBar[] bar = new ProgressBar[1];
        // Ctrl-C: ask the job to stop and give it time to write its checkpoint before the JVM exits.
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                job.result().get(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception stoppedOrFailed) {
                // cancelled (the usual case), failed or timed out: nothing more to wait for
            }
        }, "vq-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (AutoCloseable sub = job.subscribe(e -> onEvent(e, bar, err, quiet))) {
            return job.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            if (bar[0] != null) {
                bar[0].close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has done its job
            }
        }
    }

    private static void onEvent(JobEvent e, ProgressBar[] bar, PrintStream err, boolean quiet) {
        if (e instanceof JobEvent.Progress p && !quiet && p.total() > 0) {
            if (bar[0] == null) {
                // A resumed job starts part-way: count the rate and ETA from there, not from zero.
                bar[0] = new ProgressBarBuilder().setTaskName(p.unit()).setInitialMax(p.total())
                        .startsFrom(p.done(), java.time.Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                        .showSpeed(new java.text.DecimalFormat("0.0")).setUnit(" " + p.unit(), 1).build(); // "0.2", not ".2"
            }
            bar[0].maxHint(p.total());
            bar[0].stepTo(p.done());
            bar[0].setExtraMessage(p.message() == null ? "" : p.message());
        } else if (e instanceof JobEvent.Notice n) {
            err.println("notice: " + n.message());
        } else if (e instanceof JobEvent.Failed f) {
            err.println("error: " + f.message());
        } else if (e instanceof JobEvent.Cancelled c) {
            err.println("\n" + c.summary());
        }
    }
}
