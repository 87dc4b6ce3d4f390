package io.vqstudio.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** Every device choice against every engine the runtime can meet, without needing a GPU. */
class DeviceSelectionTest {

    @Test
    void cpuIsHonouredEvenWhenAGpuIsPresent() {
        DeviceSelection s = DeviceSelection.select(DeviceChoice.CPU, 2, true, "2.7.1");
        assertThat(s.device()).isEqualTo(Device.cpu());
        assertThat(s.notice()).isEmpty();
    }

    @Test
    void autoAndGpuTakeTheFirstGpuWhenTheEngineSeesOne() {
        for (DeviceChoice c : new DeviceChoice[] {DeviceChoice.AUTO, DeviceChoice.GPU}) {
            DeviceSelection s = DeviceSelection.select(c, 1, true, "2.7.1");
            assertThat(s.device()).isEqualTo(Device.gpu(0));
            assertThat(s.notice()).isEmpty();
        }
    }

    @Test
    void autoOnACpuOnlyLibtorchIsTheCpuWithoutAnyNotice() {
        DeviceSelection s = DeviceSelection.select(DeviceChoice.AUTO, 0, false, "2.7.1");
        assertThat(s.device()).isEqualTo(Device.cpu());
        assertThat(s.notice()).isEmpty();
    }

    @Test
    void gpuOnACpuOnlyLibtorchFallsBackWithTheReasonAndTheWayOut() {
        DeviceSelection s = DeviceSelection.select(DeviceChoice.GPU, 0, false, "2.7.1");
        assertThat(s.device()).isEqualTo(Device.cpu());
        assertThat(s.notice()).contains("No CUDA GPU").contains("CPU-only build").contains("2.7.1")
                .contains("running on the CPU").contains("PYTORCH_LIBRARY_PATH");
    }

    @Test
    void aCudaLibtorchThatSeesNoGpuFallsBackWithTheLikelyCausesUnderGpuAndAuto() {
        for (DeviceChoice c : new DeviceChoice[] {DeviceChoice.AUTO, DeviceChoice.GPU}) {
            DeviceSelection s = DeviceSelection.select(c, 0, true, "2.7.1");
            assertThat(s.device()).isEqualTo(Device.cpu());
            assertThat(s.notice()).contains("No CUDA GPU").contains("CUDA build").contains("driver")
                    .contains("CUDA_VISIBLE_DEVICES").contains("running on the CPU");
        }
    }
}
