package io.vqstudio.bridge.torchsave;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The legacy format of {@code torch.save} (before PyTorch 1.6, or
 * {@code _use_new_zipfile_serialization=False}): five pickles back to back (the magic number
 * 0x1950a86a20f9469cfc6c, the protocol version 1001, a sys_info dict, the object, the list of
 * storage keys) and then, for each key in that order, an 8-byte little-endian element count and
 * the storage's raw bytes. PyTorch writes these little-endian whatever the machine, so no swap
 * is needed. There are no checksums: a flipped byte inside a storage cannot be seen, while one in
 * the pickles or counts is refused. The pickles must lie in the first 2 GB.
 */
final class LegacyFormat {

    static final BigInteger MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);

    private LegacyFormat() {}

    static Object read(Path file, FileChannel ch) throws IOException {
        long size = ch.size();
        ByteBuffer head = ch.map(FileChannel.MapMode.READ_ONLY, 0, Math.min(size, Integer.MAX_VALUE - 8))
                .order(ByteOrder.LITTLE_ENDIAN);
        Object magic = header(head, "magic number");
        if (!(magic instanceof BigInteger m) || !m.equals(MAGIC)) {
            throw new BadFile("is not a torch.save file (wrong magic number)");
        }
        Object protocol = header(head, "protocol version");
        if (!Long.valueOf(1001).equals(protocol)) {
            throw new BadFile("has protocol version " + protocol + ", not 1001");
        }
        if (!(header(head, "sys_info") instanceof Map<?, ?>)) {
            throw new BadFile("has a sys_info that is not a dict");
        }
        PersistentIds ids = new PersistentIds(file, true);
        Object root;
        try {
            root = new Unpickler(head, ids).load();
        } catch (BadFile e) {
            throw new BadFile("main pickle: " + e.getMessage());
        }
        if (!(header(head, "storage keys") instanceof List<?> keys)) {
            throw new BadFile("has storage keys that are not a list");
        }
        long at = head.position();
        for (Object k : keys) {
            Storage s = k instanceof String key ? ids.storages.get(key) : null;
            if (s == null || s.attached()) {
                throw new BadFile("lists a storage key " + k + " that the pickle does not name, or names twice");
            }
            long count = ZipArchive.read(ch, at, 8).getLong(0);
            if (count != s.numel) {
                throw new BadFile("storage '" + s.key + "' has " + count + " elements where the pickle says " + s.numel);
            }
            long bytes = count * s.dtype.size();
            if (bytes > size - at - 8) {
                throw new BadFile("is truncated (storage '" + s.key + "' runs past the end)");
            }
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new BadFile("storage '" + s.key + "' holds " + bytes + " bytes; one storage may hold at most 2 GB");
            }
            s.attach(ch.map(FileChannel.MapMode.READ_ONLY, at + 8, bytes), ByteOrder.LITTLE_ENDIAN);
            at += 8 + bytes;
        }
        for (Storage s : ids.storages.values()) {
            if (!s.attached()) {
                throw new BadFile("storage '" + s.key + "' is missing");
            }
        }
        if (at != size) {
            throw new BadFile("has " + (size - at) + " bytes after its last storage");
        }
        return root;
    }

    private static Object header(ByteBuffer head, String what) {
        try {
            return new Unpickler(head, pid -> {
                throw new BadFile("a persistent id in a header pickle");
            }).load();
        } catch (BadFile e) {
            throw new BadFile(what + " pickle: " + e.getMessage());
        }
    }
}
