package io.vqstudio.bridge.runtime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Starts DJL's PyTorch engine offline, with a chosen thread count, device and inference precision.
 * Every entry point calls {@link #configureOffline()} before anything touches DJL: without it the
 * engine phones home at start (tracking and a version lookup), which hangs or fails on a machine
 * with no network.
 *
 * <p>The libtorch in use is the one on the classpath (CPU, for the platform the build ran on), or a
 * local one named by {@code PYTORCH_LIBRARY_PATH} with {@code PYTORCH_FLAVOR} (environment variables
 * or system properties read by DJL): that is how a CUDA libtorch is used, see the README.
 */
public final class EngineRuntime {

    private static volatile EngineRuntime current;

    private final RuntimeSpec spec;
    private final Device device;
    private final String notice;
    private final Optional<GpuDetails> gpu;
    private final boolean halfPrecision;

    private EngineRuntime(RuntimeSpec spec, Device device, String notice, Optional<GpuDetails> gpu,
                          boolean halfPrecision) {
        this.spec = spec;
        this.device = device;
        this.notice = notice;
        this.gpu = gpu;
        this.halfPrecision = halfPrecision;
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
     * Loads the engine (once per JVM) and picks the device and precision. A GPU asked for but not
     * present falls back to the CPU, and float16 asked for where it does not pay falls back to
     * float32, each with a notice rather than a failure: the work still gets done.
     */
    public static synchronized EngineRuntime start(RuntimeSpec spec) {
        configureOffline();
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(spec.threads()));
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        Engine engine = Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(spec.threads());
        DeviceSelection selection = DeviceSelection.select(spec.device(), engine.getGpuCount(),
                engine.hasCapability(StandardCapabilities.CUDA), engine.getVersion());
        Device device = selection.device();
        Optional<GpuDetails> gpu = device.isGpu() ? CudaDriver.probe(device.getDeviceId()) : Optional.empty();
        PrecisionDecision precision = PrecisionDecision.decide(spec.precision(), device, gpu);
        // Every manager of the engine's code is created on EngineRuntime.get().device(), so the
        // choice holds even where DJL's own default would be a GPU.
        String notice = Stream.of(selection.notice(), precision.notice())
                .filter(s -> !s.isEmpty()).collect(Collectors.joining(" "));
        current = new EngineRuntime(spec, device, notice, gpu, precision.half());
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

    /** Empty, or why the device or precision differs from the one asked for. */
    public String notice() {
        return notice;
    }

    /** The GPU in use, as its driver names it; empty on the CPU (or where the driver cannot be asked). */
    public Optional<GpuDetails> gpu() {
        return gpu;
    }

    /**
     * Whether inference (encode, decode, sampling) may run in float16: asked for, and on a GPU with
     * fast float16. Code that honours it keeps quantizer distances (nearest codes flip in float16),
     * normalisations, softmax and sampling in float32; training always runs in float32.
     */
    public boolean halfPrecision() {
        return halfPrecision;
    }

    /** E.g. "cpu (2 threads)" or "gpu(0) NVIDIA GeForce RTX 4090, 24.0 GiB, compute capability 8.9": shown wherever work runs. */
    public String describeDevice() {
        if (!device.isGpu()) {
            return "cpu (" + spec.threads() + " threads)";
        }
        return "gpu(" + device.getDeviceId() + ")" + gpu.map(g -> " " + g.describe()).orElse("")
                + (halfPrecision ? ", float16" : "");
    }

    public String engineVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    public static String djlVersion() {
        return Engine.getDjlVersion();
    }
}
