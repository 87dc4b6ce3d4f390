package io.vqstudio.bridge.api;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A unit of model work queued on the engine thread. Offers its result as a future, a
 * {@link #cancel()} that takes effect at the next step boundary, and a subscription to its
 * {@link JobEvent}s. A late subscriber first receives every event sent so far (previews excepted),
 * so nobody misses {@code Started} or the terminal event.
 *
 * @param <R> the result type
 */
public final class Job<R> {

    private final String name;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final List<Consumer<? super JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private final List<JobEvent> history = new ArrayList<>();
    private volatile boolean cancelRequested;

    public Job(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Completes with the result, or exceptionally with the failure ({@link CancelledException} on cancel). */
    public CompletableFuture<R> result() {
        return result;
    }

    /** Asks the job to stop; it does so at its next step boundary and saves what it should. */
    public void cancel() {
        cancelRequested = true;
    }

    public boolean isCancelRequested() {
        return cancelRequested;
    }

    /**
     * Receives all events of this job, starting with those already sent. Listeners run on the
     * engine thread and must return quickly (hand work to your own thread).
     *
     * @return closing it stops the deliveries
     */
    public AutoCloseable subscribe(Consumer<? super JobEvent> listener) {
        List<JobEvent> past;
        synchronized (history) {
            past = List.copyOf(history);
            listeners.add(listener);
        }
        past.forEach(listener);
        return () -> listeners.remove(listener);
    }

    /** What a stopped job leaves behind: its last checkpoint, if it wrote one. */
    String stoppedSummary() {
        synchronized (history) {
            for (int i = history.size() - 1; i >= 0; i--) {
                if (history.get(i) instanceof JobEvent.CheckpointSaved c) {
                    return "stopped at step " + c.step() + "; checkpoint saved in " + c.path();
                }
            }
        }
        return "stopped";
    }

    /** Sends an event to every subscriber. Called by the engine and by the running work. */
    void emit(JobEvent event) {
        synchronized (history) {
            if (!(event instanceof JobEvent.Preview)) {
                history.add(event);
            }
        }
        for (Consumer<? super JobEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                // A faulty listener must not take the job down with it.
                System.err.println("vqstudio: event listener failed: " + e);
            }
        }
    }

    void complete(R value) {
        result.complete(value);
    }

    void fail(Throwable t) {
        result.completeExceptionally(t);
    }
}
