package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.core.Progress;
/**
 * What running work sees of its job: a way to report, and the cancel flag. Work calls
 * {@link #checkCancelled()} at every step boundary, which makes cancel effective within one step.
 */
public final class JobContext implements Progress {

    private final Job<?> job;

    JobContext(Job<?> job) {
        this.job = job;
    }

    public void emit(JobEvent event) {
        job.emit(event);
    }

    @Override
    public void notice(String message) {
        job.emit(new JobEvent.Notice(message));
    }

    @Override
    public void progress(long done, long total, String unit, String message) {
        job.emit(new JobEvent.Progress(done, total, unit, message));
    }

    @Override
    public boolean isCancelled() {
        return job.isCancelRequested();
    }

    /** @throws CancelledException naming the job, when it was asked to stop */
    @Override
    public void checkCancelled() {
        if (job.isCancelRequested()) {
            throw new CancelledException(job.name());
        }
    }
}
