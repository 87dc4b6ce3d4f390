package io.vqstudio.bridge.torchsave;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * One storage of a checkpoint: a flat run of {@code numel} elements of one {@link DType}, which
 * one or more tensors view with their own offset, shape and strides. The bytes are a read-only
 * slice of a memory mapping of the file (off the Java heap); the legacy format only tells where a
 * storage's bytes are after its pickle has named it, so the bytes are attached once found.
 */
final class Storage {

    final Path file;
    final String key;
    final DType dtype;
    final long numel;
    private ByteBuffer bytes;
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;

    Storage(Path file, String key, DType dtype, long numel) {
        this.file = file;
        this.key = key;
        this.dtype = dtype;
        this.numel = numel;
    }

    void attach(ByteBuffer mapped, ByteOrder byteOrder) {
        this.bytes = mapped.asReadOnlyBuffer();
        this.order = byteOrder;
    }

    boolean attached() {
        return bytes != null;
    }

    /** A fresh view of the bytes (position 0), in the byte order the file wrote them. */
    ByteBuffer bytes() {
        return bytes.duplicate().order(order);
    }

    ByteOrder order() {
        return order;
    }
}
