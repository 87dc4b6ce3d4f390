package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Waits for a job on the command line: progress with rate and ETA on stderr for long work (a bar
 * on a terminal, plain lines in a log or pipe), notices as lines, and Ctrl-C or SIGTERM cancels the
 * job. Failures are not printed here: they come back as the exception, which {@link Main} reports once.
 */
final class JobRunner {

    /** How long the JVM waits at Ctrl-C / SIGTERM for a job that writes a checkpoint or a resumable file as it stops. */
    static final Duration SAVING = Duration.ofSeconds(120);
    /** ... and for any other job, which has nothing to save: it stops at its next step or is dropped. */
    static final Duration QUICK = Duration.ofSeconds(2);

    private static volatile boolean barShowing;

    private JobRunner() {}

    /** Waits for a job that has nothing to save when stopped. */
    static <R> R await(Job<R> job, boolean quiet) throws Exception {
        return await(job, quiet, QUICK, System.err, System.console() != null);
    }

    /** Waits for a job that saves as it stops (training, tokenize): at Ctrl-C it gets time to write. */
    static <R> R awaitSaving(Job<R> job, boolean quiet) throws Exception {
        return await(job, quiet, SAVING, System.err, System.console() != null);
    }

    /** A line on stderr while a job may be showing progress (e.g. a training run's evaluation). */
    static void line(String text) {
        System.err.println(barShowing ? "\n" + text : text);
    }

    /**
     * @param grace    how long a stop (Ctrl-C, SIGTERM) waits for the job to finish before the JVM exits
     * @param terminal a progress bar; otherwise plain progress lines without carriage returns
     */
    static <R> R await(Job<R> job, boolean quiet, Duration grace, PrintStream err, boolean terminal) throws Exception {
        Progress progress = new Progress(err, job.name(), terminal);
        Thread hook = new Thread(() -> {
            job.cancel();
            try {
                job.result().get(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception stoppedOrFailed) {
                // cancelled (the usual case), failed or out of time: nothing more to wait for
            }
        }, "vq-cancel-on-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        try (AutoCloseable sub = job.subscribe(e -> onEvent(e, progress, err, quiet))) {
            return job.result().get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        } finally {
            progress.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already exiting: the hook has done its job
            }
        }
    }

    private static void onEvent(JobEvent e, Progress progress, PrintStream err, boolean quiet) {
        if (e instanceof JobEvent.Progress p && !quiet && p.total() > 0) {
            progress.update(p);
        } else if (e instanceof JobEvent.Notice n) {
            err.println((progress.barShown() ? "\n" : "") + "notice: " + n.message());
        } else if (e instanceof JobEvent.Cancelled c) {
            err.println((progress.barShown() ? "\n" : "") + c.summary());
        }
    }

    /** A progress bar on a terminal, plain lines elsewhere. */
    private static final class Progress {
        private final PrintStream err;
        private final String name;
        private final boolean terminal;
        private ProgressBar bar;
        private ProgressLines lines;

        Progress(PrintStream err, String name, boolean terminal) {
            this.err = err;
            this.name = name;
            this.terminal = terminal;
        }

        boolean barShown() {
            return bar != null;
        }

        void update(JobEvent.Progress p) {
            if (!terminal) {
                if (lines == null) {
                    lines = new ProgressLines(err, name, System::nanoTime);
                }
                lines.update(p.done(), p.total(), p.unit(), p.message());
                return;
            }
            if (bar == null) {
                // A resumed job starts part-way: count the rate and ETA from there, not from zero.
                bar = new ProgressBarBuilder().setTaskName(p.unit()).setInitialMax(p.total())
                        .startsFrom(p.done(), Duration.ZERO)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                        .showSpeed(new java.text.DecimalFormat("0.0")).setUnit(" " + p.unit(), 1).build(); // "0.2", not ".2"
                barShowing = true;
            }
            bar.maxHint(p.total());
            bar.stepTo(p.done());
            bar.setExtraMessage(p.message() == null ? "" : p.message());
        }

        void close() {
            if (bar != null) {
                bar.close();
                barShowing = false;
            }
        }
    }
}
