package io.vqstudio.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.api.EngineInfo;
import io.vqstudio.bridge.api.VqBridge;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EngineRuntimeTest {

    /** Records every connection the JVM tries to open over HTTP(S), and refuses it. */
    static final class RecordingProxySelector extends ProxySelector {
        final List<URI> attempts = new CopyOnWriteArrayList<>();

        @Override
        public List<Proxy> select(URI uri) {
            attempts.add(uri);
            throw new IllegalStateException("network access attempted: " + uri);
        }

        @Override
        public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
    }

    @Test
    void engineStartsOfflineWithoutAnyNetworkAccessAndComputes() throws Exception {
        RecordingProxySelector recorder = new RecordingProxySelector();
        ProxySelector previous = ProxySelector.getDefault();
        ProxySelector.setDefault(recorder);
        try (VqBridge bridge = VqBridge.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU))) {
            EngineInfo info = bridge.info(false).result().get(60, TimeUnit.SECONDS);
            assertThat(info.libtorchVersion()).startsWith("2.7.1");
            assertThat(info.device()).isEqualTo("cpu (1 threads)");
            assertThat(info.threads()).isEqualTo(1);
            float sum = bridge.submit("matmul", ctx -> {
                try (NDManager m = NDManager.newBaseManager(bridge.runtime().device())) {
                    NDArray a = m.create(new float[] {1, 2, 3, 4}, new ai.djl.ndarray.types.Shape(2, 2));
                    return a.matMul(a).sum().getFloat(); // [[7,10],[15,22]] -> 54
                }
            }).result().get(60, TimeUnit.SECONDS);
            assertThat(sum).isEqualTo(54f);
        } finally {
            ProxySelector.setDefault(previous);
        }
        assertThat(recorder.attempts).isEmpty();
        assertThat(System.getProperty("ai.djl.offline")).isEqualTo("true");
        assertThat(System.getProperty("OPT_OUT_TRACKING")).isEqualTo("true");
    }

    @Test
    void askingForAGpuOnAMachineWithoutOneFallsBackToTheCpuWithANotice() {
        EngineRuntime rt = EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.GPU));
        if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
            assertThat(rt.device().isGpu()).isFalse();
            assertThat(rt.notice()).contains("No CUDA GPU").contains("CPU");
        } else {
            assertThat(rt.device().isGpu()).isTrue();
            assertThat(rt.notice()).isEmpty();
        }
        EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU));
    }

    @Test
    void autoIsTheCpuHereAndNamesNoGpu() {
        EngineRuntime rt = EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.AUTO));
        if (ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0) {
            assertThat(rt.device().isGpu()).isFalse();
            assertThat(rt.notice()).isEmpty();
            assertThat(rt.gpu()).isEmpty();
            assertThat(rt.describeDevice()).isEqualTo("cpu (1 threads)");
        } else {
            assertThat(rt.device().isGpu()).isTrue();
            assertThat(rt.describeDevice()).startsWith("gpu(0)");
        }
        EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU));
    }

    @Test
    void float16AskedForOnTheCpuRunsInFloat32AndSaysWhy() {
        EngineRuntime rt = EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU)
                .withPrecision(PrecisionChoice.FP16));
        assertThat(rt.halfPrecision()).isFalse();
        assertThat(rt.notice()).contains("float16").contains("CPU").contains("using float32");
        EngineRuntime plain = EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU));
        assertThat(plain.halfPrecision()).isFalse();
        assertThat(plain.notice()).isEmpty();
    }

    @Test
    void infoNamesTheDeviceAndOnlyMentionsAGpuWhenOneIsInUse() throws Exception {
        try (VqBridge bridge = VqBridge.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU))) {
            EngineInfo info = bridge.info(false).result().get(60, TimeUnit.SECONDS);
            assertThat(info.device()).isEqualTo("cpu (1 threads)");
            assertThat(info.gpuName()).isNull();
            assertThat(info.gpuMemoryBytes()).isNull();
            assertThat(info.toText()).contains("Device      cpu (1 threads)\n").doesNotContain("GPU  ");
            assertThat(new com.google.gson.Gson().toJson(info)).doesNotContain("gpuName").doesNotContain("gpuMemory");
        }
        EngineInfo onGpu = new EngineInfo("0.1.0", "0.35.1", "2.7.1", "gpu(0) NVIDIA H100 80GB HBM3", 8, 1,
                "NVIDIA H100 80GB HBM3", 85_045_510_144L, "", "17", "Linux amd64", -1);
        assertThat(onGpu.toText()).contains("GPU         NVIDIA H100 80GB HBM3, 79.2 GiB\n");
        assertThat(new com.google.gson.Gson().toJson(onGpu)).contains("\"gpuMemoryBytes\":85045510144");
    }

    @Test
    void systemPropertiesSwitchTheDeviceAndPrecisionOfTheDefaults() {
        System.setProperty("vq.device", "cpu");
        System.setProperty("vq.precision", "fp16");
        try {
            RuntimeSpec spec = RuntimeSpec.defaults();
            assertThat(spec.device()).isEqualTo(DeviceChoice.CPU);
            assertThat(spec.precision()).isEqualTo(PrecisionChoice.FP16);
        } finally {
            System.clearProperty("vq.device");
            System.clearProperty("vq.precision");
        }
        assertThat(RuntimeSpec.defaults().device()).isEqualTo(DeviceChoice.AUTO);
        assertThat(RuntimeSpec.defaults().precision()).isEqualTo(PrecisionChoice.FP32);
    }

    @Test
    void deviceChoiceParsesAndRejectsWithAHelpfulMessage() {
        assertThat(DeviceChoice.parse(" GPU ")).isEqualTo(DeviceChoice.GPU);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceChoice.parse("tpu"))
                .hasMessageContaining("tpu").hasMessageContaining("auto, cpu or gpu");
    }
}
