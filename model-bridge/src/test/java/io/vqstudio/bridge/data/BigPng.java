package io.vqstudio.bridge.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * PNGs of any size written by hand, cheaply: 1-bit greyscale, black rows then white rows, deflated
 * as they are written. 20000 x 20000 pixels take about 50 KB: a decompression bomb.
 */
final class BigPng {

    private BigPng() {}

    /** A {@code w x h} 1-bit PNG, black above row {@code whiteFrom}, white from it down. */
    static byte[] blackThenWhite(int w, int h, int whiteFrom) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        // IHDR: width, height, bit depth 1, colour type 0 (grey), deflate, adaptive filters, no interlace.
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 1).put(new byte[4]).array());
        byte[] black = new byte[1 + (w + 7) / 8]; // filter byte 0 (none), then the packed row
        byte[] white = black.clone();
        Arrays.fill(white, 1, white.length, (byte) 0xFF);
        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(idat, deflater, 1 << 16)) {
            for (int y = 0; y < h; y++) {
                z.write(y < whiteFrom ? black : white);
            }
        } finally {
            deflater.end();
        }
        chunk(png, "IDAT", idat.toByteArray());
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
