package io.vqstudio.bridge.torchsave;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The entries of a zip file as {@code torch.save} writes it: every entry STORED (uncompressed),
 * found through the central directory (ZIP64 too, for files past 4 GB), each entry's bytes mapped
 * from the file rather than read, and checked against the entry's CRC-32 as they are mapped (a
 * stricter check than PyTorch's own reader, which loads a file with a flipped byte). One entry may
 * hold at most 2 GB, the most one mapping can cover; a larger storage is refused, not split.
 */
final class ZipArchive {

    /** An entry: where its bytes start in the file, how many there are, and their CRC-32. */
    record Entry(String name, long dataOffset, long size, int crc) {}

    private static final int EOCD = 0x06054b50, ZIP64_LOCATOR = 0x07064b50, ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50, LOCAL = 0x04034b50;
    private static final long MAX_CENTRAL_DIRECTORY = 1L << 28;

    private ZipArchive() {}

    /** The entries by name, in central-directory order. */
    static Map<String, Entry> entries(FileChannel ch) throws IOException {
        long size = ch.size();
        int tailLength = (int) Math.min(size, 22 + 65535);
        ByteBuffer tail = read(ch, size - tailLength, tailLength);
        int eocd = -1;
        for (int i = tailLength - 22; i >= 0 && eocd < 0; i--) {
            if (tail.getInt(i) == EOCD && i + 22 + (tail.getShort(i + 20) & 0xffff) == tailLength) {
                eocd = i;
            }
        }
        if (eocd < 0) {
            throw new BadFile("has no zip end record (truncated, or not a zip)");
        }
        long count = tail.getShort(eocd + 10) & 0xffff;
        long cdSize = tail.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = tail.getInt(eocd + 16) & 0xffffffffL;
        long eocdAt = size - tailLength + eocd;
        if (eocdAt >= 20 && read(ch, eocdAt - 20, 4).getInt(0) == ZIP64_LOCATOR) {
            long at = read(ch, eocdAt - 20, 20).getLong(8);
            if (at < 0 || at > eocdAt - 56) {
                throw new BadFile("has a ZIP64 locator that points outside the file");
            }
            ByteBuffer z = read(ch, at, 56);
            if (z.getInt(0) != ZIP64_EOCD) {
                throw new BadFile("has a damaged ZIP64 end record");
            }
            count = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (cdOffset < 0 || cdSize < 0 || cdSize > MAX_CENTRAL_DIRECTORY || cdOffset + cdSize > eocdAt
                || count < 0 || count > cdSize / 46) {
            throw new BadFile("has a damaged zip central directory");
        }
        ByteBuffer cd = read(ch, cdOffset, (int) cdSize);
        Map<String, Entry> entries = new LinkedHashMap<>();
        int p = 0;
        for (long n = 0; n < count; n++) {
            if (p + 46 > cd.limit() || cd.getInt(p) != CENTRAL) {
                throw new BadFile("has a damaged zip central directory");
            }
            int flags = cd.getShort(p + 8) & 0xffff, method = cd.getShort(p + 10) & 0xffff;
            int crc = cd.getInt(p + 16);
            long comp = cd.getInt(p + 20) & 0xffffffffL, plain = cd.getInt(p + 24) & 0xffffffffL;
            int nameLength = cd.getShort(p + 28) & 0xffff, extraLength = cd.getShort(p + 30) & 0xffff;
            int commentLength = cd.getShort(p + 32) & 0xffff;
            long local = cd.getInt(p + 42) & 0xffffffffL;
            if (p + 46L + nameLength + extraLength + commentLength > cd.limit()) {
                throw new BadFile("has a damaged zip central directory");
            }
            String name = string(cd, p + 46, nameLength);
            // ZIP64 extra field: the 64-bit values of whichever fields hold 0xFFFFFFFF, in this order
            for (int e = p + 46 + nameLength; e + 4 <= p + 46 + nameLength + extraLength; ) {
                int id = cd.getShort(e) & 0xffff, len = cd.getShort(e + 2) & 0xffff;
                if (id == 1) {
                    int v = e + 4;
                    if (plain == 0xffffffffL) { plain = cd.getLong(v); v += 8; }
                    if (comp == 0xffffffffL) { comp = cd.getLong(v); v += 8; }
                    if (local == 0xffffffffL) { local = cd.getLong(v); }
                }
                e += 4 + len;
            }
            if ((flags & 1) != 0 || method != 0 || comp != plain) {
                throw new BadFile("zip entry " + name + " is encrypted or compressed (torch.save stores entries as they are)");
            }
            entries.put(name, locate(ch, name, local, plain, crc, cdOffset));
            p += 46 + nameLength + extraLength + commentLength;
        }
        if (entries.size() != count) {
            throw new BadFile("has two zip entries of the same name");
        }
        return entries;
    }

    /** Finds an entry's bytes behind its local header, which must agree with the central directory. */
    private static Entry locate(FileChannel ch, String name, long local, long size, int crc, long cdOffset) throws IOException {
        if (local < 0 || local + 30 > cdOffset) {
            throw new BadFile("zip entry " + name + " starts outside the file");
        }
        ByteBuffer h = read(ch, local, 30);
        int nameLength = h.getShort(26) & 0xffff, extraLength = h.getShort(28) & 0xffff;
        long data = local + 30 + nameLength + extraLength;
        if (h.getInt(0) != LOCAL || data > cdOffset || !string(read(ch, local + 30, nameLength), 0, nameLength).equals(name)) {
            throw new BadFile("zip entry " + name + " has a damaged local header");
        }
        if (size < 0 || data + size > cdOffset) {
            throw new BadFile("zip entry " + name + " runs past the end of the data");
        }
        return new Entry(name, data, size, crc);
    }

    /** Maps an entry's bytes (read-only, off the heap) after checking their CRC-32. */
    static ByteBuffer map(FileChannel ch, Entry e) throws IOException {
        if (e.size() > Integer.MAX_VALUE - 8) {
            throw new BadFile("zip entry " + e.name() + " holds " + e.size() + " bytes; one storage may hold at most 2 GB");
        }
        MappedByteBuffer b = ch.map(FileChannel.MapMode.READ_ONLY, e.dataOffset(), e.size());
        CRC32 crc = new CRC32();
        crc.update(b.duplicate());
        if ((int) crc.getValue() != e.crc()) {
            throw new BadFile("zip entry " + e.name() + " is damaged (its CRC-32 does not match)");
        }
        return b.order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String string(ByteBuffer b, int at, int length) {
        byte[] s = new byte[length];
        b.get(at, s);
        return new String(s, StandardCharsets.UTF_8);
    }

    /** {@code length} bytes from {@code at}, read into a small heap buffer (headers only). */
    static ByteBuffer read(FileChannel ch, long at, int length) throws IOException {
        if (at < 0 || length < 0 || at + length > ch.size()) {
            throw new BadFile("is truncated (a header runs past the end of the file)");
        }
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, at + b.position()) < 0) {
                throw new BadFile("is truncated");
            }
        }
        return b.flip();
    }
}
