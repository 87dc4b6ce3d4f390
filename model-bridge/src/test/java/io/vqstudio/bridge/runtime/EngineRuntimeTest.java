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
    void deviceChoiceParsesAndRejectsWithAHelpfulMessage() {
        assertThat(DeviceChoice.parse(" GPU ")).isEqualTo(DeviceChoice.GPU);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DeviceChoice.parse("tpu"))
                .hasMessageContaining("tpu").hasMessageContaining("auto, cpu or gpu");
    }
}
