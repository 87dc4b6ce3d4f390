package io.vqstudio.bridge.torchsave;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-written pickles, opcode by opcode, and the torch.save containers around them (zip and
 * legacy), so the tests say exactly which bytes the reader meets.
 */
final class PickleBytes {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static PickleBytes proto2() {
        return new PickleBytes().op(0x80, 2);
    }

    PickleBytes op(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    PickleBytes str(String s) { // BINUNICODE
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        op('X').raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        return raw(b);
    }

    PickleBytes integer(long v) { // BININT
        return op('J').raw(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }

    PickleBytes global(String module, String name) { // GLOBAL
        return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    PickleBytes apply(java.util.function.Function<PickleBytes, PickleBytes> more) {
        return more.apply(this);
    }

    PickleBytes raw(byte[] b) {
        out.write(b, 0, b.length);
        return this;
    }

    PickleBytes ints(long... values) { // a tuple of ints
        op('(');
        for (long v : values) {
            integer(v);
        }
        return op('t');
    }

    /** {@code _rebuild_tensor_v2(storage, offset, size, stride, False, OrderedDict())}, any storage class. */
    PickleBytes tensor(String storageClass, String key, long numel, long offset, long[] size, long[] stride) {
        global("torch._utils", "_rebuild_tensor_v2").op('(');
        op('(').str("storage").global("torch", storageClass).str(key).str("cpu").integer(numel).op('t', 'Q');
        integer(offset).ints(size).ints(stride).op(0x89).global("collections", "OrderedDict").op(')', 'R');
        return op('t', 'R');
    }

    /** An OrderedDict state dict of one float tensor per key, over storages "0", "1"... of {@code numel} each. */
    static PickleBytes stateDict(String... keys) {
        PickleBytes p = proto2().global("collections", "OrderedDict").op(')', 'R', '(');
        for (int i = 0; i < keys.length; i++) {
            p.str(keys[i]).tensor("FloatStorage", String.valueOf(i), 4, 0, new long[] {2, 2}, new long[] {2, 1});
        }
        return p.op('u', '.');
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    /** A zip torch.save file: {@code folder/data.pkl}, {@code folder/data/<key>}, {@code folder/version}, STORED. */
    static Path zip(Path file, String folder, byte[] pickle, Map<String, byte[]> storages, String byteorder) throws IOException {
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(file))) {
            put(z, folder + "/data.pkl", pickle);
            if (byteorder != null) {
                put(z, folder + "/byteorder", byteorder.getBytes(StandardCharsets.US_ASCII));
            }
            for (Map.Entry<String, byte[]> s : storages.entrySet()) {
                put(z, folder + "/data/" + s.getKey(), s.getValue());
            }
            put(z, folder + "/version", "3\n".getBytes(StandardCharsets.US_ASCII));
        }
        return file;
    }

    private static void put(ZipOutputStream z, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        z.putNextEntry(e);
        z.write(data);
        z.closeEntry();
    }

    /** The legacy format: magic, protocol, sys_info, {@code pickle}, the keys, then each storage with its count (one element size each, or one for all). */
    static Path legacy(Path file, byte[] sysInfo, byte[] pickle, Map<String, byte[]> storages, int... elementSizes) throws IOException {
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(proto2().op(0x8a, 10).raw(new byte[] {0x6c, (byte) 0xfc, (byte) 0x9c, 0x46, (byte) 0xf9, 0x20, 0x6a,
                    (byte) 0xa8, 0x50, 0x19}).op('.').bytes());
            o.write(proto2().op('M', 0xe9, 0x03, '.').bytes()); // 1001
            o.write(sysInfo);
            o.write(pickle);
            PickleBytes keys = proto2().op(']', '(');
            storages.keySet().forEach(keys::str);
            o.write(keys.op('e', '.').bytes());
            int i = 0;
            for (byte[] s : storages.values()) {
                int elementSize = elementSizes[Math.min(i++, elementSizes.length - 1)];
                o.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(s.length / elementSize).array());
                o.write(s);
            }
        }
        return file;
    }

    /** The sys_info dict PyTorch writes: {protocol_version: 1001, little_endian: True}. */
    static byte[] sysInfo() {
        return proto2().op('}', '(').str("protocol_version").op('M', 0xe9, 0x03).str("little_endian").op(0x88, 'u', '.').bytes();
    }

    /** Little-endian float32 bytes. */
    static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
