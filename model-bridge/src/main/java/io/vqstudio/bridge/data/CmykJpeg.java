package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import org.w3c.dom.NodeList;

/**
 * Four-channel JPEGs (CMYK and YCCK), which the JDK decodes with wrong colours: it ignores the
 * inverted samples that Adobe applications write. We read the raw samples and convert them here.
 *
 * <p>Three encodings exist. An Adobe APP14 marker with transform 0 means CMYK stored inverted
 * (255 is no ink), as Photoshop writes it; transform 2 means YCCK, the inverted C, M, Y taken
 * through the JFIF YCbCr transform, with K inverted and left alone (libjpeg's and ImageMagick's
 * choice for CMYK). No Adobe marker means plain CMYK (255 is full ink). Ink becomes RGB by the
 * naive product {@code R = (1 - C)(1 - K)}, the inverse of ImageMagick's {@code -colorspace CMYK};
 * an embedded ICC profile is ignored, so a press profile's colours come out close, not exact.
 */
final class CmykJpeg {

    private static final String FORMAT = "javax_imageio_jpeg_image_1.0";

    private CmykJpeg() {}

    /** The Adobe transform of a four-channel JPEG (0 CMYK, 2 YCCK, -1 plain CMYK), or null for any other image. */
    static Integer fourChannelTransform(ImageReader reader) throws IOException {
        if (!"jpeg".equalsIgnoreCase(reader.getFormatName())) {
            return null;
        }
        // The raw type is cheap (the header is read already); the metadata tree costs a parse.
        ImageTypeSpecifier raw = reader.getRawImageType(0);
        if (raw != null && raw.getNumBands() != 4) {
            return null;
        }
        IIOMetadata md = reader.getImageMetadata(0);
        if (md == null || !FORMAT.equals(md.getNativeMetadataFormatName())) {
            return null;
        }
        IIOMetadataNode tree = (IIOMetadataNode) md.getAsTree(FORMAT);
        NodeList sof = tree.getElementsByTagName("sof");
        if (sof.getLength() == 0 || !"4".equals(((IIOMetadataNode) sof.item(0)).getAttribute("numFrameComponents"))) {
            return null;
        }
        NodeList adobe = tree.getElementsByTagName("app14Adobe");
        if (adobe.getLength() == 0) {
            return -1;
        }
        String transform = ((IIOMetadataNode) adobe.item(0)).getAttribute("transform");
        return transform == null || transform.isEmpty() ? 0 : Integer.parseInt(transform);
    }

    /** Reads the raw samples with {@code param}'s subsampling and converts them to {@code TYPE_INT_RGB}. */
    static BufferedImage read(ImageReader reader, ImageReadParam param, int transform) throws IOException {
        Raster raster = reader.readRaster(0, param);
        int w = raster.getWidth(), h = raster.getHeight();
        if (raster.getNumBands() != 4) {
            throw new IOException("a four-channel JPEG decoded to " + raster.getNumBands() + " channels");
        }
        int[] px = raster.getPixels(raster.getMinX(), raster.getMinY(), w, h, (int[]) null); // (h, w, 4)
        int[] rgb = new int[w * h];
        for (int i = 0, j = 0; i < rgb.length; i++, j += 4) {
            rgb[i] = toRgb(px[j], px[j + 1], px[j + 2], px[j + 3], transform);
        }
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.setRGB(0, 0, w, h, rgb, 0, w);
        return out;
    }

    /** One pixel's four stored samples to packed {@code 0xRRGGBB}. */
    static int toRgb(int s0, int s1, int s2, int k, int transform) {
        int c = s0, m = s1, y = s2;
        if (transform == 2) {
            // YCCK: the JFIF transform back gives 255 - stored C, M, Y (libjpeg's ycck_cmyk_convert).
            float cb = s1 - 128f, cr = s2 - 128f;
            c = 255 - clamp(s0 + 1.402f * cr);
            m = 255 - clamp(s0 - 0.344136f * cb - 0.714136f * cr);
            y = 255 - clamp(s0 + 1.772f * cb);
        }
        if (transform < 0) { // plain: the samples are ink amounts; turn them into Adobe's "no ink" values
            c = 255 - c;
            m = 255 - m;
            y = 255 - y;
            k = 255 - k;
        }
        // Inverted samples: (1 - ink) is the sample itself, so R = (1 - C)(1 - K) = c * k.
        return mul(c, k) << 16 | mul(m, k) << 8 | mul(y, k);
    }

    private static int mul(int a, int b) {
        return (a * b + 127) / 255;
    }

    private static int clamp(float v) {
        return Math.max(0, Math.min(255, Math.round(v)));
    }
}
