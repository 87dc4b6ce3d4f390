package io.vqstudio.bridge.runtime;

import ai.djl.Device;
import java.util.Optional;

/**
 * Whether inference may run in float16, decided from what was asked and where work runs; kept
 * apart from the engine so that every case can be tested without a GPU. Float16 is granted only
 * on a GPU whose tensor cores compute it fast (compute capability 7.0 and up): on the CPU,
 * libtorch's float16 kernels are slower than float32 and several are missing, and on older GPUs
 * float16 runs at a fraction of the float32 rate. BFLOAT16 is never used (casting to it kills the
 * JVM in this libtorch build).
 *
 * @param half   whether inference runs in float16
 * @param notice empty, or why float16 was asked for and refused
 */
record PrecisionDecision(boolean half, String notice) {

    static PrecisionDecision decide(PrecisionChoice choice, Device device, Optional<GpuDetails> gpu) {
        if (choice == PrecisionChoice.FP32) {
            return new PrecisionDecision(false, "");
        }
        if (!device.isGpu()) {
            return new PrecisionDecision(false, "float16 asked for, but work runs on the CPU, where libtorch's"
                    + " float16 is slower than float32; using float32.");
        }
        if (gpu.isEmpty()) {
            return new PrecisionDecision(false, "float16 asked for, but the GPU's compute capability could not be"
                    + " read from the CUDA driver; using float32.");
        }
        GpuDetails g = gpu.get();
        if (!g.fastFloat16()) {
            return new PrecisionDecision(false, "float16 asked for, but " + g.name() + " (compute capability "
                    + g.computeMajor() + "." + g.computeMinor() + ") has no tensor cores for it; using float32.");
        }
        return new PrecisionDecision(true, "");
    }
}
