package io.vqstudio.bridge.torchsave;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;

/**
 * One tensor of a checkpoint, not yet read: its dtype, shape and strides (in elements) over a
 * storage that other tensors may share, from {@code storageOffset} on. Reading happens in
 * {@link #toNDArray}, {@link #toFloats} or {@link #toLongs}, straight from the file's memory
 * mapping. Every TensorRef has been checked to lie inside its storage.
 */
public final class TensorRef {

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long storageOffset;
    final Storage storage;

    TensorRef(String name, Storage storage, long storageOffset, long[] shape, long[] strides) {
        this.name = name;
        this.dtype = storage.dtype;
        this.storage = storage;
        this.storageOffset = storageOffset;
        this.shape = shape.clone();
        this.strides = strides.clone();
    }

    /**
     * The same tensor under the key its checkpoint gives it, checked to lie inside its storage
     * ({@code path}, where in the file it sits, names it in the message if not).
     */
    TensorRef named(String key, String path) {
        TensorRef t = new TensorRef(key, storage, storageOffset, shape, strides);
        String bad = t.extentProblem();
        if (bad != null) {
            throw new BadFile("tensor '" + path + "' " + bad);
        }
        return t;
    }

    /** Null when offset, shape and strides address only elements of the storage; else why not. */
    String extentProblem() {
        if (storageOffset < 0) {
            return "has a negative storage offset";
        }
        try {
            long numel = 1, last = storageOffset;
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0 || strides[i] < 0) {
                    return "has a negative size or stride";
                }
                numel = Math.multiplyExact(numel, shape[i]);
                if (shape[i] > 0) {
                    last = Math.addExact(last, Math.multiplyExact(shape[i] - 1, strides[i]));
                }
            }
            if (numel > 0 && last >= storage.numel || numel == 0 && storageOffset > storage.numel) {
                return "is larger than its storage '" + storage.key + "' (needs element " + last
                        + ", holds " + storage.numel + ")";
            }
            return null;
        } catch (ArithmeticException e) {
            return "has a size that overflows";
        }
    }

    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long[] strides() {
        return strides.clone();
    }

    public long storageOffset() {
        return storageOffset;
    }

    /** The key of the storage this tensor views; tensors that share a storage share the key. */
    public String storageKey() {
        return storage.key;
    }

    public long numel() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }

    /** Whether the elements lie row-major without gaps, so the bytes can be used as they lie. */
    public boolean isContiguous() {
        long expected = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expected) {
                return false;
            }
            expected *= shape[i];
        }
        return true;
    }

    /**
     * The tensor in {@code manager}: floating types as FLOAT32 (float16 and float64 cast by the
     * engine, bfloat16 widened here, since the engine's bfloat16 cast kills the JVM), integer and
     * bool types as they are except int16, widened to INT32. The bytes are copied once, into
     * native memory; the NDArray never aliases the file.
     */
    public NDArray toNDArray(NDManager manager) throws TorchFileException {
        return Materialise.toNDArray(this, manager);
    }

    /** The values as float32 on the Java heap: for small tensors and checks, not for weights. */
    public float[] toFloats() throws TorchFileException {
        return Materialise.toFloats(this);
    }

    /** The values of an integer or bool tensor as longs on the Java heap (small tensors). */
    public long[] toLongs() throws TorchFileException {
        return Materialise.toLongs(this);
    }

    @Override
    public String toString() {
        return name + " " + dtype + Arrays.toString(shape);
    }
}
