package io.vqstudio.bridge.core;

/**
 * Thrown by long work at a step boundary once whoever runs it asked it to stop
 * ({@link Progress#checkCancelled()}); a job's future fails with it as the cause.
 */
public final class CancelledException extends RuntimeException {
    public CancelledException(String what) {
        super("cancelled: " + what);
    }
}
