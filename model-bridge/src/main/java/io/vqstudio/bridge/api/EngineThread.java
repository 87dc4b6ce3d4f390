package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.UserMessages;
import io.vqstudio.bridge.core.CancelledException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The one thread that owns every model, trainer and NDManager. Jobs run on it one at a time, in
 * the order they were submitted. A job that throws becomes a {@link JobEvent.Failed} with a
 * message a user understands; the thread itself survives and takes the next job.
 */
public final class EngineThread implements AutoCloseable {

    private final ExecutorService executor;
    private final Supplier<String> deviceName;

    public EngineThread(Supplier<String> deviceName) {
        this.deviceName = deviceName;
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "vq-engine");
            t.setDaemon(true);
            return t;
        });
    }

    /** Queues {@code work}; the returned job can be subscribed to, awaited and cancelled. */
    public <R> Job<R> submit(String name, Work<R> work) {
        Job<R> job = new Job<>(name);
        executor.execute(() -> run(job, work));
        return job;
    }

    private <R> void run(Job<R> job, Work<R> work) {
        if (job.isCancelRequested()) {
            job.emit(new JobEvent.Cancelled("cancelled before it started"));
            job.fail(new CancelledException(job.name()));
            return;
        }
        job.emit(new JobEvent.Started(job.name(), deviceName.get()));
        try {
            R value = work.run(new JobContext(job));
            job.emit(new JobEvent.Finished(String.valueOf(value)));
            job.complete(value);
        } catch (CancelledException e) {
            job.emit(new JobEvent.Cancelled(job.stoppedSummary())); // trainers checkpoint on the way out
            job.fail(e);
        } catch (Throwable t) { // NOPMD: the engine thread must survive anything a job does
            job.emit(new JobEvent.Failed(UserMessages.describe(t), UserMessages.detail(t)));
            job.fail(t);
            if (t instanceof VirtualMachineError vme && !(t instanceof OutOfMemoryError)) {
                throw vme;
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
