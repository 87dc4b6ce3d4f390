package io.vqstudio.app.service;

import io.vqstudio.bridge.api.JobEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The studio's handle on one piece of engine work: its result as a future, a cancel that takes
 * effect at the next step boundary, and its {@link JobEvent}s. Listeners may be called on any
 * thread; the view-models hop to the UI thread through their {@code Dispatch}.
 *
 * @param <R> the result type
 */
public interface StudioJob<R> {

    String name();

    CompletableFuture<R> result();

    void cancel();

    /** Receives every event of the job (earlier ones first); returns a handle that stops deliveries. */
    AutoCloseable subscribe(Consumer<? super JobEvent> listener);
}
