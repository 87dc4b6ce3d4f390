package io.vqstudio.bridge.torchsave;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Turns a {@link TensorRef} into values. A contiguous little-endian tensor is handed to the engine
 * as a slice of the file's mapping and copied once into native memory (the engine would otherwise
 * alias the read-only mapping, and a write would crash the JVM). A strided or big-endian one is
 * first gathered into a direct buffer of its own, which the NDArray then keeps; bfloat16 and int16
 * are widened here into a direct buffer. Nothing passes through the Java heap except in
 * {@link #toFloats} and {@link #toLongs}.
 */
final class Materialise {

    private Materialise() {}

    static NDArray toNDArray(TensorRef t, NDManager m) throws TorchFileException {
        Shape shape = new Shape(t.shape());
        ByteBuffer le = littleEndianBytes(t);
        return switch (t.dtype()) {
            case FLOAT32, INT64, INT32, INT8, UINT8, BOOL -> owned(m, le, shape, djlType(t.dtype()));
            case FLOAT16, FLOAT64 -> {
                try (NDArray raw = m.create(le, shape, djlType(t.dtype()))) {
                    yield raw.toType(DataType.FLOAT32, true);
                }
            }
            case BFLOAT16 -> m.create(widenBf16(le, t), shape, DataType.FLOAT32);
            case INT16 -> m.create(widenInt16(le, t), shape, DataType.INT32);
        };
    }

    /** An NDArray that owns its memory: a mapped slice is copied, a buffer of our own is kept. */
    private static NDArray owned(NDManager m, ByteBuffer le, Shape shape, DataType type) {
        if (!le.isReadOnly()) { // a buffer of our own, which the NDArray keeps
            return m.create(le, shape, type);
        }
        try (NDArray alias = m.create(le, shape, type)) {
            return alias.duplicate();
        }
    }

    private static DataType djlType(DType d) {
        return switch (d) {
            case FLOAT32 -> DataType.FLOAT32;
            case FLOAT16 -> DataType.FLOAT16;
            case FLOAT64 -> DataType.FLOAT64;
            case INT64 -> DataType.INT64;
            case INT32 -> DataType.INT32;
            case INT8 -> DataType.INT8;
            case UINT8 -> DataType.UINT8;
            case BOOL -> DataType.BOOLEAN;
            case BFLOAT16, INT16 -> throw new IllegalStateException("widened in Java: " + d);
        };
    }

    static float[] toFloats(TensorRef t) throws TorchFileException {
        ByteBuffer b = littleEndianBytes(t);
        float[] out = new float[(int) t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (t.dtype()) {
                case FLOAT32 -> b.getFloat(4 * i);
                case FLOAT16 -> halfToFloat(b.getShort(2 * i));
                case BFLOAT16 -> Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                case FLOAT64 -> (float) b.getDouble(8 * i);
                default -> (float) integer(b, t.dtype(), i);
            };
        }
        return out;
    }

    static long[] toLongs(TensorRef t) throws TorchFileException {
        if (t.dtype().isFloating()) {
            throw new TorchFileException(t.storage.file, "tensor '" + t.name() + "' is " + t.dtype() + ", not an integer type");
        }
        ByteBuffer b = littleEndianBytes(t);
        long[] out = new long[(int) t.numel()];
        for (int i = 0; i < out.length; i++) {
            out[i] = integer(b, t.dtype(), i);
        }
        return out;
    }

    private static long integer(ByteBuffer b, DType d, int i) {
        return switch (d) {
            case INT64 -> b.getLong(8 * i);
            case INT32 -> b.getInt(4 * i);
            case INT16 -> b.getShort(2 * i);
            case INT8 -> b.get(i);
            case UINT8, BOOL -> b.get(i) & 0xff;
            default -> throw new IllegalStateException("not an integer type: " + d);
        };
    }

    /**
     * The tensor's elements, row-major and little-endian, position 0: a slice of the mapping when
     * they already lie so, else gathered element by element into a direct buffer.
     */
    static ByteBuffer littleEndianBytes(TensorRef t) throws TorchFileException {
        int es = t.dtype().size();
        long numel = t.numel();
        if (numel * es > Integer.MAX_VALUE - 8) {
            throw new TorchFileException(t.storage.file, "tensor '" + t.name() + "' holds " + numel * es
                    + " bytes; one tensor may hold at most 2 GB");
        }
        ByteBuffer src = t.storage.bytes();
        int nbytes = (int) (numel * es);
        if (t.isContiguous() && t.storage.order() == ByteOrder.LITTLE_ENDIAN) {
            return src.slice((int) (t.storageOffset() * es), nbytes).order(ByteOrder.LITTLE_ENDIAN);
        }
        ByteBuffer out = ByteBuffer.allocateDirect(nbytes).order(ByteOrder.LITTLE_ENDIAN);
        boolean swap = t.storage.order() != ByteOrder.LITTLE_ENDIAN;
        long[] shape = t.shape(), strides = t.strides();
        long[] index = new long[shape.length];
        long at = t.storageOffset();
        for (long n = 0; n < numel; n++) {
            int from = (int) (at * es);
            for (int k = 0; k < es; k++) {
                out.put(src.get(swap ? from + es - 1 - k : from + k));
            }
            for (int d = shape.length - 1; d >= 0; d--) { // odometer over the multi-index
                if (++index[d] < shape[d]) {
                    at += strides[d];
                    break;
                }
                at -= (shape[d] - 1) * strides[d];
                index[d] = 0;
            }
        }
        return out.flip();
    }

    /** IEEE 754 binary16 to float32, exactly (every half value is a float). */
    static float halfToFloat(short h) {
        int sign = (h & 0x8000) << 16, exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mant << 13); // inf, nan
        }
        if (exp == 0) { // zero or subnormal: mant * 2^-24
            float v = mant * 0x1p-24f;
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }

    private static ByteBuffer widenBf16(ByteBuffer le, TensorRef t) {
        ByteBuffer out = ByteBuffer.allocateDirect(le.capacity() * 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < le.capacity(); i += 2) {
            out.putInt((le.getShort(i) & 0xffff) << 16); // bfloat16 is the top half of a float32
        }
        return out.flip();
    }

    private static ByteBuffer widenInt16(ByteBuffer le, TensorRef t) {
        ByteBuffer out = ByteBuffer.allocateDirect(le.capacity() * 2).order(ByteOrder.nativeOrder());
        for (int i = 0; i < le.capacity(); i += 2) {
            out.putInt(le.getShort(i));
        }
        return out.flip();
    }
}
