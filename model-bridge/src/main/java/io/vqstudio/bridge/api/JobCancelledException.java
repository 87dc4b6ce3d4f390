package io.vqstudio.bridge.api;

/** Thrown inside a job at a step boundary after {@link Job#cancel()}, and the cause of its future's failure. */
public final class JobCancelledException extends RuntimeException {
    public JobCancelledException(String job) {
        super("cancelled: " + job);
    }
}
