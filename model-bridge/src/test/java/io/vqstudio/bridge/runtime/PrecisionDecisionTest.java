package io.vqstudio.bridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When float16 inference is granted, and the notice when it is not; no GPU needed. */
class PrecisionDecisionTest {

    static final GpuDetails H100 = new GpuDetails("NVIDIA H100 80GB HBM3", 85_045_510_144L, 9, 0);
    static final GpuDetails GTX_1080 = new GpuDetails("NVIDIA GeForce GTX 1080", 8_589_934_592L, 6, 1);

    @Test
    void float32IsNeverQuestioned() {
        for (Device d : new Device[] {Device.cpu(), Device.gpu(0)}) {
            PrecisionDecision p = PrecisionDecision.decide(PrecisionChoice.FP32, d, Optional.of(H100));
            assertThat(p.half()).isFalse();
            assertThat(p.notice()).isEmpty();
        }
    }

    @Test
    void float16OnTheCpuIsRefusedWithANotice() {
        PrecisionDecision p = PrecisionDecision.decide(PrecisionChoice.FP16, Device.cpu(), Optional.empty());
        assertThat(p.half()).isFalse();
        assertThat(p.notice()).contains("float16").contains("CPU").contains("using float32");
    }

    @Test
    void float16IsGrantedOnAGpuWithTensorCores() {
        PrecisionDecision p = PrecisionDecision.decide(PrecisionChoice.FP16, Device.gpu(0), Optional.of(H100));
        assertThat(p.half()).isTrue();
        assertThat(p.notice()).isEmpty();
        assertThat(PrecisionDecision.decide(PrecisionChoice.FP16, Device.gpu(0),
                Optional.of(new GpuDetails("Tesla V100", 1L << 34, 7, 0))).half()).isTrue();
    }

    @Test
    void float16IsRefusedOnAPascalGpuAndWhereTheDriverCannotBeAsked() {
        PrecisionDecision old = PrecisionDecision.decide(PrecisionChoice.FP16, Device.gpu(0), Optional.of(GTX_1080));
        assertThat(old.half()).isFalse();
        assertThat(old.notice()).contains("GTX 1080").contains("6.1").contains("using float32");
        PrecisionDecision unknown = PrecisionDecision.decide(PrecisionChoice.FP16, Device.gpu(0), Optional.empty());
        assertThat(unknown.half()).isFalse();
        assertThat(unknown.notice()).contains("compute capability").contains("using float32");
    }

    @Test
    void gpuDetailsReadAsTheirDriverWouldSayThem() {
        assertThat(H100.describe()).isEqualTo("NVIDIA H100 80GB HBM3, 79.2 GiB, compute capability 9.0");
        assertThat(H100.fastFloat16()).isTrue();
        assertThat(GTX_1080.fastFloat16()).isFalse();
        byte[] name = new byte[256];
        byte[] text = "NVIDIA RTX A6000".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        System.arraycopy(text, 0, name, 0, text.length);
        assertThat(CudaDriver.cString(name)).isEqualTo("NVIDIA RTX A6000");
    }

    @Test
    void precisionParsesAndRejectsWithAHelpfulMessage() {
        assertThat(PrecisionChoice.parse(" FP16 ")).isEqualTo(PrecisionChoice.FP16);
        assertThat(PrecisionChoice.parse("float32")).isEqualTo(PrecisionChoice.FP32);
        assertThatThrownBy(() -> PrecisionChoice.parse("bf16")).hasMessageContaining("bf16")
                .hasMessageContaining("fp32 or fp16");
    }
}
