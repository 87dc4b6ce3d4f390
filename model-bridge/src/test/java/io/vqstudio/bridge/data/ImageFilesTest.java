package io.vqstudio.bridge.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vqstudio.bridge.core.RgbImage;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageFilesTest {

    private static RgbImage solid(int w, int h, int rgb) {
        int[] px = new int[w * h];
        Arrays.fill(px, rgb);
        return new RgbImage(w, h, px);
    }

    @Test
    void tilePlacesImagesRowMajorWithWhiteGaps() {
        List<RgbImage> images = List.of(solid(3, 2, 0x110000), solid(3, 2, 0x002200), solid(3, 2, 0x000033));
        RgbImage sheet = ImageFiles.tile(images, 2, 1);
        assertEquals(3 * 2 + 1, sheet.width());
        assertEquals(2 * 2 + 1, sheet.height());
        assertEquals(0x110000, sheet.get(0, 0));
        assertEquals(0x110000, sheet.get(2, 1));
        assertEquals(0xFFFFFF, sheet.get(3, 0)); // the gap between columns
        assertEquals(0x002200, sheet.get(4, 1));
        assertEquals(0xFFFFFF, sheet.get(0, 2)); // the gap between rows
        assertEquals(0x000033, sheet.get(0, 3));
        assertEquals(0xFFFFFF, sheet.get(6, 4)); // the empty last cell stays white
    }

    @Test
    void tileRejectsMixedSizes() {
        assertThrows(IllegalArgumentException.class,
                () -> ImageFiles.tile(List.of(solid(2, 2, 0), solid(3, 2, 0)), 2, 0));
    }
}
