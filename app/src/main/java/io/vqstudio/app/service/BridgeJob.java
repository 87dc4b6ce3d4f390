package io.vqstudio.app.service;

import io.vqstudio.bridge.api.Job;
import io.vqstudio.bridge.api.JobEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/** A bridge {@link Job} seen as a {@link StudioJob}, optionally with its result converted. */
final class BridgeJob<T, R> implements StudioJob<R> {

    private final Job<T> job;
    private final CompletableFuture<R> result;

    private BridgeJob(Job<T> job, Function<T, R> convert) {
        this.job = job;
        this.result = job.result().thenApply(convert);
    }

    static <T> StudioJob<T> of(Job<T> job) {
        return new BridgeJob<>(job, Function.identity());
    }

    static <T, R> StudioJob<R> mapped(Job<T> job, Function<T, R> convert) {
        return new BridgeJob<>(job, convert);
    }

    @Override
    public String name() {
        return job.name();
    }

    @Override
    public CompletableFuture<R> result() {
        return result;
    }

    @Override
    public void cancel() {
        job.cancel();
    }

    @Override
    public AutoCloseable subscribe(Consumer<? super JobEvent> listener) {
        return job.subscribe(listener);
    }
}
