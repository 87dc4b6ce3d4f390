package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.runtime.DeviceChoice;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import picocli.CommandLine.Option;

/** Options every engine-using command shares: threads, device and JSON output. */
final class EngineOptions {

    @Option(names = "--threads", converter = Checks.Threads.class, paramLabel = "N",
            description = "Engine threads (default: all cores, ${sys:vq.threads:-here})")
    Integer threads;

    @Option(names = "--device", converter = Checks.Device.class, paramLabel = "auto|cpu|gpu", defaultValue = "auto",
            description = "Where to run: a GPU when the engine finds one (auto), or force cpu/gpu. Default: ${DEFAULT-VALUE}")
    String device;

    @Option(names = "--json", description = "Print the result, or the error, as one JSON object on stdout.")
    boolean json;

    /** The runtime these options ask for. */
    RuntimeSpec runtimeSpec() {
        RuntimeSpec spec = RuntimeSpec.defaults().withDevice(DeviceChoice.parse(device));
        return threads != null ? spec.withThreads(threads) : spec;
    }

    VqBridge startBridge() {
        VqBridge bridge = VqBridge.start(runtimeSpec());
        if (!bridge.runtime().notice().isEmpty()) {
            System.err.println("notice: " + bridge.runtime().notice());
        }
        if (!json) {
            System.err.println("device: " + bridge.runtime().describeDevice());
        }
        return bridge;
    }
}
