package io.vqstudio.app.task;

import io.vqstudio.app.service.StudioJob;
import io.vqstudio.bridge.api.JobEvent;
import java.util.concurrent.ExecutionException;
import javafx.concurrent.Task;

/**
 * A {@link StudioJob} as a {@code javafx.concurrent.Task}, so that ControlsFX's TaskProgressView
 * and StatusBar show its title, message and progress, and their cancel button stops the job.
 * The task's thread only waits for the job; the work itself runs on the engine thread.
 */
public final class JobTask<R> extends Task<R> {

    private final StudioJob<R> job;

    public JobTask(String title, StudioJob<R> job) {
        this.job = job;
        updateTitle(title);
        updateMessage("queued");
    }

    @Override
    protected R call() throws Exception {
        try (AutoCloseable sub = job.subscribe(this::onEvent)) {
            return job.result().get();
        } catch (InterruptedException e) {
            job.cancel();
            throw e;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private void onEvent(JobEvent e) {
        if (e instanceof JobEvent.Started s) {
            updateMessage("running on " + s.device());
        } else if (e instanceof JobEvent.Progress p) {
            if (p.total() > 0) {
                updateProgress(p.done(), p.total());
            }
            updateMessage(p.message().isEmpty() ? p.done() + " / " + p.total() + " " + p.unit() : p.message());
        } else if (e instanceof JobEvent.Metrics m) {
            updateMessage("step " + m.step());
        } else if (e instanceof JobEvent.Notice n) {
            updateMessage(n.message());
        } else if (e instanceof JobEvent.CheckpointSaved c) {
            updateMessage("checkpoint at step " + c.step());
        }
    }

    @Override
    protected void cancelled() {
        job.cancel();
    }

    /** Cancels the engine job too (TaskProgressView's button calls this). */
    @Override
    public boolean cancel(boolean mayInterrupt) {
        job.cancel();
        return super.cancel(mayInterrupt);
    }
}
