import io.vqstudio.bridge.data.DataSpec;
import io.vqstudio.bridge.data.ImageDataset;
import io.vqstudio.bridge.data.ImageEntry;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.metrics.ImageMetrics;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * What a PSNR means at the tokenizer's bit rate: classical codecs on the same held-out images as
 * {@code eval-tokenizer --limit N} (the first N of the 5% split). A 16x16 grid of 8192 codes carries
 * 256 x 13 = 3,328 bits (416 bytes) per 64x64 image. Printed per method: mean PSNR (per image, on
 * [0, 1], as ImageMetrics) and the mean payload in bytes:
 *   - thumbnail: area average to 16x16 (the dataset's own resize) at 8 bits per channel (6,144 bits, 1.8x the tokens'), bicubic back up;
 *   - JPEG at several qualities (Java's baseline encoder, 4:2:0, standard tables); the payload counts
 *     the entropy-coded scan only, not the fixed headers and tables every image would share. The
 *     photos are themselves JPEGs (re-encoding one at quality 75 gives it back at 59 dB), so JPEG works
 *     on its own block grid here: an advantage no other method has.
 *
 *   java -cp model-bridge/target/vqstudio.jar docs/experiments/RateBaselines.java DATA [N]
 */
public class RateBaselines {
    public static void main(String[] args) throws Exception {
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        int[] qualities = {5, 10, 15, 20, 30, 50};
        double[] psnr = new double[qualities.length + 1];
        double[] bytes = new double[qualities.length + 1];
        try (ImageDataset data = ImageDataset.open(DataSpec.defaults(Path.of(args[0])))) {
            List<ImageEntry> val = data.validation().subList(0, n);
            for (ImageEntry e : val) {
                BufferedImage img = Preprocess.square(Preprocess.rgb(data.source().read(e)), 64).toBufferedImage();
                float[] x = Preprocess.toTensor(img, 64, false);
                BufferedImage thumb = bicubic(Preprocess.square(Preprocess.rgb(img), 16).toBufferedImage(), 64); // area average, 8 bits, back up
                psnr[0] += ImageMetrics.psnr(x, Preprocess.toTensor(thumb, 64, false)) / n;
                bytes[0] += 16 * 16 * 3.0 / n;
                for (int q = 0; q < qualities.length; q++) {
                    byte[] jpeg = jpeg(img, qualities[q] / 100f);
                    BufferedImage back = ImageIO.read(new ByteArrayInputStream(jpeg));
                    psnr[q + 1] += ImageMetrics.psnr(x, Preprocess.toTensor(back, 64, false)) / n;
                    bytes[q + 1] += scanBytes(jpeg) / (double) n;
                }
            }
        }
        System.out.printf("%d held-out images; tokens: 416 bytes%n", n);
        System.out.printf("thumbnail 16x16 + bicubic  %6.0f bytes  %6.2f dB%n", bytes[0], psnr[0]);
        for (int q = 0; q < qualities.length; q++) {
            System.out.printf("JPEG quality %-3d           %6.0f bytes  %6.2f dB%n", qualities[q], bytes[q + 1], psnr[q + 1]);
        }
    }

    static BufferedImage bicubic(BufferedImage src, int size) {
        BufferedImage dst = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        var g = dst.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(src, 0, 0, size, size, null);
        g.dispose();
        return dst;
    }

    static byte[] jpeg(BufferedImage img, float quality) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        p.setCompressionQuality(quality);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var ios = new MemoryCacheImageOutputStream(out)) {
            w.setOutput(ios);
            w.write(null, new IIOImage(img, null, null), p);
        }
        w.dispose();
        return out.toByteArray();
    }

    /** Bytes between the end of the start-of-scan header and the end-of-image marker. */
    static int scanBytes(byte[] j) {
        for (int i = 2; i + 3 < j.length; ) {
            int marker = j[i + 1] & 0xFF;
            int len = ((j[i + 2] & 0xFF) << 8) | (j[i + 3] & 0xFF);
            if (marker == 0xDA) {
                return j.length - (i + 2 + len) - 2;
            }
            i += 2 + len;
        }
        throw new IllegalStateException("no start-of-scan marker");
    }
}
