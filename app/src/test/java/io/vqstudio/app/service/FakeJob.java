package io.vqstudio.app.service;

import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.api.JobEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A job run by hand in tests: events are replayed to late subscribers like the bridge's Job, and
 * so are previews here, because the fake does its work before anyone can subscribe.
 */
public final class FakeJob<R> implements StudioJob<R> {

    private final String name;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final List<JobEvent> history = new ArrayList<>();
    private final List<Consumer<? super JobEvent>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public FakeJob(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletableFuture<R> result() {
        return result;
    }

    @Override
    public void cancel() {
        cancelled = true;
        if (!result.isDone()) {
            emit(new JobEvent.Cancelled("cancelled"));
            result.completeExceptionally(new CancelledException(name));
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public synchronized AutoCloseable subscribe(Consumer<? super JobEvent> listener) {
        history.forEach(listener);
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    public synchronized void emit(JobEvent e) {
        history.add(e);
        listeners.forEach(l -> l.accept(e));
    }

    public void complete(R value) {
        emit(new JobEvent.Finished(String.valueOf(value)));
        result.complete(value);
    }

    public void fail(String message) {
        emit(new JobEvent.Failed(message, message));
        result.completeExceptionally(new IllegalStateException(message));
    }
}
