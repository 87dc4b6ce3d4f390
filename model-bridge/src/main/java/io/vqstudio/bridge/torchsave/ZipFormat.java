package io.vqstudio.bridge.torchsave;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * The zip format of {@code torch.save} (PyTorch 1.6 on): one top folder of any name holding
 * {@code data.pkl} (the pickle), {@code data/<key>} (one entry per storage), {@code version}
 * and, from PyTorch 1.10 on, {@code byteorder} ("little" or "big": the order storages were
 * written in; absent means little).
 */
final class ZipFormat {

    private ZipFormat() {}

    /** The unpickled top-level value, its storages attached. */
    static Object read(Path file, FileChannel ch) throws IOException {
        Map<String, ZipArchive.Entry> entries = ZipArchive.entries(ch);
        String prefix = null;
        for (String name : entries.keySet()) {
            if (name.endsWith("/data.pkl") && name.indexOf('/') == name.length() - "/data.pkl".length()) {
                if (prefix != null) {
                    throw new BadFile("holds two data.pkl entries");
                }
                prefix = name.substring(0, name.length() - "data.pkl".length());
            }
        }
        if (prefix == null) {
            throw new BadFile("is a zip without a data.pkl entry (not a torch.save file)");
        }
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        ZipArchive.Entry byteorder = entries.get(prefix + "byteorder");
        if (byteorder != null) {
            String s = text(ch, byteorder);
            if (s.equals("big")) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (!s.equals("little")) {
                throw new BadFile("byteorder entry says '" + s + "', not little or big");
            }
        }
        PersistentIds ids = new PersistentIds(file, false);
        ByteBuffer pickle = ZipArchive.map(ch, entries.get(prefix + "data.pkl"));
        Object root;
        try {
            root = new Unpickler(pickle, ids).load();
        } catch (BadFile e) {
            throw new BadFile("data.pkl: " + e.getMessage());
        }
        for (Storage s : ids.storages.values()) {
            ZipArchive.Entry e = entries.get(prefix + "data/" + s.key);
            if (e == null) {
                throw new BadFile("storage entry data/" + s.key + " is missing");
            }
            if (e.size() / s.dtype.size() < s.numel) {
                throw new BadFile("storage entry data/" + s.key + " is short: " + e.size() + " bytes for "
                        + s.numel + " elements of " + s.dtype);
            }
            s.attach(ZipArchive.map(ch, e), order);
        }
        return root;
    }

    private static String text(FileChannel ch, ZipArchive.Entry e) throws IOException {
        if (e.size() > 64) {
            throw new BadFile(e.name() + " is too long");
        }
        ByteBuffer b = ZipArchive.map(ch, e);
        byte[] s = new byte[b.remaining()];
        b.get(s);
        return new String(s, StandardCharsets.US_ASCII).trim();
    }
}
