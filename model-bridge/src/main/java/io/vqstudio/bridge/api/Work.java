package io.vqstudio.bridge.api;

/** The body of a job; it runs on the engine thread, which owns every model and NDManager. */
@FunctionalInterface
public interface Work<R> {
    R run(JobContext context) throws Exception;
}
