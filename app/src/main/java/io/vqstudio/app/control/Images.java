package io.vqstudio.app.control;

import io.vqstudio.bridge.core.RgbImage;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Conversions between the api's {@link RgbImage} and JavaFX images. */
public final class Images {

    private Images() {}

    public static WritableImage toFx(RgbImage img) {
        if (img == null) {
            return null;
        }
        java.nio.IntBuffer rgb = img.pixelBuffer();
        int[] px = new int[rgb.capacity()]; // JavaFX wants opaque ARGB
        for (int i = 0; i < px.length; i++) {
            px[i] = rgb.get(i) | 0xFF000000;
        }
        WritableImage out = new WritableImage(img.width(), img.height());
        out.getPixelWriter().setPixels(0, 0, img.width(), img.height(), PixelFormat.getIntArgbInstance(), px, 0,
                img.width());
        return out;
    }

    /** A stable, well-spread colour for a code id (golden-ratio hue steps). */
    public static javafx.scene.paint.Color codeColour(int code, double opacity) {
        double hue = (code * 137.508) % 360;
        double sat = 0.55 + 0.35 * ((code * 7) % 5) / 4.0;
        double bri = 0.75 + 0.25 * ((code * 3) % 4) / 3.0;
        return javafx.scene.paint.Color.hsb(hue, sat, bri, opacity);
    }

    /** Perceptually ordered heat colours (dark blue to yellow) for t in [0, 1]. */
    public static javafx.scene.paint.Color heat(double t, double opacity) {
        t = Math.max(0, Math.min(1, t));
        double[][] stops = {{0.27, 0.00, 0.33}, {0.23, 0.32, 0.55}, {0.13, 0.57, 0.55}, {0.37, 0.79, 0.38}, {0.99, 0.91, 0.15}};
        double x = t * (stops.length - 1);
        int i = Math.min(stops.length - 2, (int) x);
        double f = x - i;
        return javafx.scene.paint.Color.color(stops[i][0] + f * (stops[i + 1][0] - stops[i][0]),
                stops[i][1] + f * (stops[i + 1][1] - stops[i][1]), stops[i][2] + f * (stops[i + 1][2] - stops[i][2]),
                opacity);
    }
}
