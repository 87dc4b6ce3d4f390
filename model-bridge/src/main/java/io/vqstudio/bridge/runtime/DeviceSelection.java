package io.vqstudio.bridge.runtime;

import ai.djl.Device;

/**
 * Where work runs, decided from what was asked and what the engine sees; kept apart from the
 * engine so that every case can be tested on a machine without a GPU.
 *
 * @param device the device to use
 * @param notice empty, or why the device differs from the one asked for
 */
record DeviceSelection(Device device, String notice) {

    /**
     * @param choice    what was asked
     * @param gpuCount  GPUs the engine can use (0 with a CPU-only libtorch)
     * @param cudaBuild whether the loaded libtorch is a CUDA build
     * @param libtorch  the loaded libtorch's version, for the notice
     */
    static DeviceSelection select(DeviceChoice choice, int gpuCount, boolean cudaBuild, String libtorch) {
        if (choice == DeviceChoice.CPU) {
            return new DeviceSelection(Device.cpu(), "");
        }
        if (gpuCount > 0) {
            return new DeviceSelection(Device.gpu(0), "");
        }
        if (cudaBuild) {
            // Someone set up a CUDA libtorch: not finding a GPU is worth saying even under auto.
            return new DeviceSelection(Device.cpu(), "No CUDA GPU: the CUDA build of libtorch " + libtorch
                    + " sees no GPU (no NVIDIA driver, no libcudart on the library path, or CUDA_VISIBLE_DEVICES"
                    + " hides them); running on the CPU.");
        }
        if (choice == DeviceChoice.GPU) {
            return new DeviceSelection(Device.cpu(), "No CUDA GPU: the libtorch in use (" + libtorch + ") is a"
                    + " CPU-only build; running on the CPU. For a GPU, point PYTORCH_LIBRARY_PATH at a CUDA build of libtorch "
                    + libtorch + " (README, section GPU).");
        }
        return new DeviceSelection(Device.cpu(), "");
    }
}
