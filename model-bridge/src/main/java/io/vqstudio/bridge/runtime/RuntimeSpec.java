package io.vqstudio.bridge.runtime;

/**
 * How the engine is started: the number of intra-op threads libtorch may use, the device, and the
 * number format asked for inference.
 *
 * @param threads   intra-op threads, at least 1
 * @param device    where to run
 * @param precision float32, or float16 for inference where the device makes it safe and fast
 */
public record RuntimeSpec(int threads, DeviceChoice device, PrecisionChoice precision) {

    public RuntimeSpec {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (device == null || precision == null) {
            throw new IllegalArgumentException("device and precision are required");
        }
    }

    /**
     * All cores, device auto, float32; each overridable by a system property, so that the studio
     * (which has no command line of its own) can be switched too: {@code vq.threads} (tests use 1),
     * {@code vq.device} ({@code auto|cpu|gpu}) and {@code vq.precision} ({@code fp32|fp16}).
     */
    public static RuntimeSpec defaults() {
        int threads = Integer.getInteger("vq.threads", Runtime.getRuntime().availableProcessors());
        return new RuntimeSpec(Math.max(1, threads),
                DeviceChoice.parse(System.getProperty("vq.device", "auto")),
                PrecisionChoice.parse(System.getProperty("vq.precision", "fp32")));
    }

    public RuntimeSpec withThreads(int n) {
        return new RuntimeSpec(n, device, precision);
    }

    public RuntimeSpec withDevice(DeviceChoice d) {
        return new RuntimeSpec(threads, d, precision);
    }

    public RuntimeSpec withPrecision(PrecisionChoice p) {
        return new RuntimeSpec(threads, device, p);
    }
}
