package io.vqstudio.bridge.runtime;

/**
 * How the engine is started: the number of intra-op threads libtorch may use and the device.
 *
 * @param threads intra-op threads, at least 1
 * @param device  where to run
 */
public record RuntimeSpec(int threads, DeviceChoice device) {

    public RuntimeSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }

    /** All cores, or the {@code vq.threads} system property when set (tests use 1); device auto. */
    public static RuntimeSpec defaults() {
        int threads = Integer.getInteger("vq.threads", Runtime.getRuntime().availableProcessors());
        return new RuntimeSpec(Math.max(1, threads), DeviceChoice.AUTO);
    }

    public RuntimeSpec withThreads(int n) {
        return new RuntimeSpec(n, device);
    }

    public RuntimeSpec withDevice(DeviceChoice d) {
        return new RuntimeSpec(threads, d);
    }
}
