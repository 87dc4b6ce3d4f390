package io.vqstudio.bridge.api;

/**
 * What running work sees of its job: a way to report, and the cancel flag. Work calls
 * {@link #checkCancelled()} at every step boundary, which makes cancel effective within one step.
 */
public final class JobContext {

    private final Job<?> job;

    JobContext(Job<?> job) {
        this.job = job;
    }

    public void emit(JobEvent event) {
        job.emit(event);
    }

    public void progress(long done, long total, String unit, String message) {
        job.emit(new JobEvent.Progress(done, total, unit, message));
    }

    public boolean isCancelled() {
        return job.isCancelRequested();
    }

    /** @throws JobCancelledException when the job was asked to stop */
    public void checkCancelled() {
        if (job.isCancelRequested()) {
            throw new JobCancelledException(job.name());
        }
    }
}
