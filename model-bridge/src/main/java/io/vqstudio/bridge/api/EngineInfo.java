package io.vqstudio.bridge.api;

import java.util.Locale;

/**
 * What the engine runs on, for {@code info} and the studio's status bar.
 *
 * @param gpuName        the GPU in use as its driver names it, or null on the CPU (and then absent from JSON)
 * @param gpuMemoryBytes that GPU's memory in bytes, or null on the CPU
 * @param gemmGflops     measured fp32 GEMM rate (the MFU ceiling), or -1 when not measured
 */
public record EngineInfo(String vqstudioVersion, String djlVersion, String libtorchVersion, String device,
                         int threads, int gpuCount, String gpuName, Long gpuMemoryBytes, String notice,
                         String javaVersion, String os, double gemmGflops) {

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append("VQ Studio   ").append(vqstudioVersion).append('\n');
        sb.append("DJL         ").append(djlVersion).append('\n');
        sb.append("libtorch    ").append(libtorchVersion).append('\n');
        sb.append("Java        ").append(javaVersion).append(" on ").append(os).append('\n');
        sb.append("Device      ").append(device).append('\n');
        sb.append("Threads     ").append(threads).append('\n');
        sb.append("GPUs found  ").append(gpuCount).append('\n');
        if (gpuName != null) {
            sb.append("GPU         ").append(gpuName);
            if (gpuMemoryBytes != null) {
                sb.append(String.format(Locale.ROOT, ", %.1f GiB", gpuMemoryBytes / (double) (1L << 30)));
            }
            sb.append('\n');
        }
        if (gemmGflops > 0) {
            sb.append(String.format("fp32 GEMM   %.1f GFLOP/s (1024^3; the MFU ceiling)%n", gemmGflops));
        }
        if (!notice.isEmpty()) {
            sb.append("Notice      ").append(notice).append('\n');
        }
        return sb.toString();
    }
}
