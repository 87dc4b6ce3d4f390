package io.vqstudio.bridge.torchsave;

import java.util.Optional;

/**
 * Element types a checkpoint's storages may hold, with the names each format gives them: PyTorch's
 * storage classes ({@code torch.FloatStorage}...) and safetensors' dtype strings ({@code F32}...).
 * The first six are the weights the importers use; the small integer and bool types let a state
 * dict that holds such a buffer (a mask, a counter) still open.
 */
public enum DType {
    FLOAT32(4, "FloatStorage", "F32"),
    FLOAT16(2, "HalfStorage", "F16"),
    BFLOAT16(2, "BFloat16Storage", "BF16"),
    FLOAT64(8, "DoubleStorage", "F64"),
    INT64(8, "LongStorage", "I64"),
    INT32(4, "IntStorage", "I32"),
    INT16(2, "ShortStorage", "I16"),
    INT8(1, "CharStorage", "I8"),
    UINT8(1, "ByteStorage", "U8"),
    BOOL(1, "BoolStorage", "BOOL");

    private final int size;
    private final String storageClass;
    private final String safetensorsName;

    DType(int size, String storageClass, String safetensorsName) {
        this.size = size;
        this.storageClass = storageClass;
        this.safetensorsName = safetensorsName;
    }

    /** Bytes per element. */
    public int size() {
        return size;
    }

    /** Whether the type is a floating-point one (materialised as FLOAT32). */
    public boolean isFloating() {
        return this == FLOAT32 || this == FLOAT16 || this == BFLOAT16 || this == FLOAT64;
    }

    /** The type of a {@code torch.<name>} storage class, e.g. {@code HalfStorage}. */
    static Optional<DType> ofStorageClass(String name) {
        for (DType t : values()) {
            if (t.storageClass.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The type of a safetensors dtype string, e.g. {@code BF16}. */
    static Optional<DType> ofSafetensors(String name) {
        for (DType t : values()) {
            if (t.safetensorsName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
