package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import org.junit.jupiter.api.Test;

/**
 * Four-channel JPEGs decode to the right colours: ImageMagick's (YCCK, Adobe-inverted), and the
 * three encodings written here from the same source: Adobe-inverted CMYK as Photoshop writes it,
 * plain CMYK, and YCCK. The JDK alone gets about 12 dB on them.
 */
class CmykJpegTest {

    private static BufferedImage resource(String name) throws IOException {
        try (InputStream in = CmykJpegTest.class.getResourceAsStream("/images/" + name)) {
            return ImageDecoding.decode(name, in.readAllBytes());
        }
    }

    private static byte[] bytes(String name) throws IOException {
        try (InputStream in = CmykJpegTest.class.getResourceAsStream("/images/" + name)) {
            return in.readAllBytes();
        }
    }

    /** PSNR in dB between two RGB images of one size, over all three channels, peak 255. */
    static double psnr(BufferedImage a, BufferedImage b) {
        assertThat(b.getWidth()).isEqualTo(a.getWidth());
        assertThat(b.getHeight()).isEqualTo(a.getHeight());
        int[] pa = Preprocess.rgbPixels(a), pb = Preprocess.rgbPixels(b);
        double se = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                double d = (pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF);
                se += d * d;
            }
        }
        return 10 * Math.log10(255.0 * 255.0 / (se / (3.0 * pa.length)));
    }

    @Test
    void imageMagicksCmykJpegHasTheSourceColours() throws Exception {
        BufferedImage source = resource("cmyk-source.png");
        assertThat(psnr(resource("cmyk-imagemagick.jpg"), source)).isGreaterThan(30);
        // The same through the public reader and the dataset path.
        java.nio.file.Path tmp = java.nio.file.Files.createTempFile("cmyk", ".jpg");
        try {
            java.nio.file.Files.write(tmp, bytes("cmyk-imagemagick.jpg"));
            assertThat(psnr(ImageFiles.read(tmp).toBufferedImage(), source)).isGreaterThan(30);
        } finally {
            java.nio.file.Files.delete(tmp);
        }
    }

    @Test
    void adobeInvertedCmykPlainCmykAndYcckAllHaveTheSourceColours() throws Exception {
        BufferedImage source = resource("cmyk-source.png");
        for (int transform : new int[] {0, -1, 2}) {
            BufferedImage back = ImageDecoding.decode("t" + transform + ".jpg", fourChannelJpeg(source, transform));
            assertThat(psnr(back, source)).as("transform %d", transform).isGreaterThan(30);
        }
    }

    @Test
    void eachEncodingConvertsKnownInksExactly() {
        // Pure red is C=0 M=Y=255 K=0 in ink; stored Adobe-inverted as 255, 0, 0, 255.
        assertThat(CmykJpeg.toRgb(255, 0, 0, 255, 0)).isEqualTo(0xFF0000);
        assertThat(CmykJpeg.toRgb(0, 255, 255, 0, -1)).isEqualTo(0xFF0000);
        // 50% black only: grey 128 either way.
        assertThat(CmykJpeg.toRgb(255, 255, 255, 128, 0)).isEqualTo(0x808080);
        assertThat(CmykJpeg.toRgb(0, 0, 0, 127, -1)).isEqualTo(0x808080);
        // YCCK of no ink: libjpeg turns inverted C, M, Y (255 each) into r = g = b = 0, so Y = 0, Cb = Cr = 128.
        assertThat(CmykJpeg.toRgb(0, 128, 128, 255, 2)).isEqualTo(0xFFFFFF);
    }

    /**
     * {@code source} as a four-channel JPEG (quality 0.95): transform 0 is Adobe-inverted CMYK,
     * 2 is YCCK (both with an APP14 marker), -1 plain CMYK without one. Ink from RGB is
     * ImageMagick's: K = 1 - max(R, G, B), C = (1 - R - K) / (1 - K).
     */
    static byte[] fourChannelJpeg(BufferedImage source, int transform) throws IOException {
        int w = source.getWidth(), h = source.getHeight();
        WritableRaster raster = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = source.getRGB(x, y);
                double r = (p >> 16 & 0xFF) / 255.0, g = (p >> 8 & 0xFF) / 255.0, b = (p & 0xFF) / 255.0;
                double k = 1 - Math.max(r, Math.max(g, b));
                double[] ink = {k < 1 ? (1 - r - k) / (1 - k) : 0, k < 1 ? (1 - g - k) / (1 - k) : 0,
                        k < 1 ? (1 - b - k) / (1 - k) : 0, k};
                int[] s = new int[4];
                for (int i = 0; i < 4; i++) {
                    s[i] = (int) Math.round(255 * (transform < 0 ? ink[i] : 1 - ink[i]));
                }
                if (transform == 2) { // libjpeg's cmyk_ycck_convert: r = 255 - stored C, then JFIF YCbCr
                    double cr = 255 - s[0], cg = 255 - s[1], cb = 255 - s[2];
                    s[0] = clamp(0.299 * cr + 0.587 * cg + 0.114 * cb);
                    s[1] = clamp(-0.168736 * cr - 0.331264 * cg + 0.5 * cb + 128);
                    s[2] = clamp(0.5 * cr - 0.418688 * cg - 0.081312 * cb + 128);
                }
                raster.setPixel(x, y, s);
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(buf)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(0.95f);
            writer.setOutput(out);
            writer.write(null, new IIOImage(raster, null, null), param); // the samples as they are, no marker
        } finally {
            writer.dispose();
        }
        byte[] jpeg = buf.toByteArray();
        if (transform < 0) {
            return jpeg;
        }
        // Adobe APP14 right after SOI: length 14, "Adobe", version 100, flags 0, 0, transform.
        byte[] app14 = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, (byte) transform};
        byte[] out = new byte[jpeg.length + app14.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(app14, 0, out, 2, app14.length);
        System.arraycopy(jpeg, 2, out, 2 + app14.length, jpeg.length - 2);
        return out;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
