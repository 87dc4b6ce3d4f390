package io.vqstudio.bridge.runtime;

import java.util.Locale;

/**
 * The number format asked for inference: {@code FP32} everywhere, or {@code FP16} (half precision)
 * for inference on a GPU that computes it fast. A request only: the runtime refuses {@code FP16}
 * where it is slower or unsafe and says why ({@link EngineRuntime#notice()}); training always runs
 * in float32 (half-precision training would need loss scaling).
 */
public enum PrecisionChoice {
    FP32, FP16;

    /** {@code fp32}/{@code float32} or {@code fp16}/{@code float16}, any case. */
    public static PrecisionChoice parse(String s) {
        switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "fp32", "float32" -> {
                return FP32;
            }
            case "fp16", "float16", "half" -> {
                return FP16;
            }
            default -> throw new IllegalArgumentException("Unknown precision '" + s + "': use fp32 or fp16.");
        }
    }
}
