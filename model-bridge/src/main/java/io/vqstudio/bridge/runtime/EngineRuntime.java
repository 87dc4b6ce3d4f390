package io.vqstudio.bridge.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts DJL's PyTorch engine offline, with a chosen thread count and device. Every entry point
 * calls {@link #configureOffline()} before anything touches DJL: without it the engine phones home
 * at start (tracking and a version lookup), which hangs or fails on a machine with no network.
 */
public final class EngineRuntime {

    private static volatile EngineRuntime current;

    private final RuntimeSpec spec;
    private final Device device;
    private final String notice;

    private EngineRuntime(RuntimeSpec spec, Device device, String notice) {
        this.spec = spec;
        this.device = device;
        this.notice = notice;
    }

    /** Sets the offline and no-tracking switches; idempotent, and a no-op once the engine is loaded. */
    public static void configureOffline() {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("DJL_OFFLINE", "true");
        System.setProperty("OPT_OUT_TRACKING", "true");
        System.setProperty("ai.djl.default_engine", "PyTorch");
        // Keep libtorch's logs and DJL's info chatter off the user's terminal.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", System.getProperty(
                "org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // A CPU-only libtorch probing for CUDA is expected, not a warning: the device line says what runs.
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    /**
     * Loads the engine (once per JVM) and picks the device. A GPU asked for but not present falls
     * back to the CPU with a notice rather than failing: the work still gets done.
     */
    public static synchronized EngineRuntime start(RuntimeSpec spec) {
        configureOffline();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(spec.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(spec.threads());
        int gpus = engine.getGpuCount();
        Device device;
        String notice = "";
        switch (spec.device()) {
            case CPU -> device = Device.cpu();
            case GPU -> {
                if (gpus > 0) {
                    device = Device.gpu(0);
                } else {
                    device = Device.cpu();
                    notice = "No CUDA GPU found by the engine (" + engine.getVersion()
                            + " CPU build); running on the CPU.";
                }
            }
            default -> device = gpus > 0 ? Device.gpu(0) : Device.cpu();
        }
        current = new EngineRuntime(spec, device, notice);
        return current;
    }

    /** The runtime started last, starting one with defaults if none was. */
    public static EngineRuntime get() {
        EngineRuntime r = current;
        return r != null ? r : start(RuntimeSpec.defaults());
    }

    public Device device() {
        return device;
    }

    public RuntimeSpec spec() {
        return spec;
    }

    /** Empty, or why the device differs from the one asked for. */
    public String notice() {
        return notice;
    }

    /** E.g. "cpu (2 threads)" or "gpu(0)": shown wherever work runs. */
    public String describeDevice() {
        return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu (" + spec.threads() + " threads)";
    }

    public String engineVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }
}
