package io.vqstudio.bridge.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.IntBuffer;
import java.nio.ReadOnlyBufferException;
import org.junit.jupiter.api.Test;

/** Immutability without copies: the constructor copies, {@code wrap} takes the array over, reads never copy. */
class RgbImageTest {

    @Test
    void theConstructorCopiesAndWrapTakesTheArrayOver() {
        int[] px = {1, 2, 3, 4, 5, 6};
        RgbImage copied = new RgbImage(3, 2, px);
        RgbImage wrapped = RgbImage.wrap(3, 2, px);
        px[4] = 0xABCDEF;
        assertThat(copied.get(1, 1)).isEqualTo(5);
        assertThat(wrapped.get(1, 1)).isEqualTo(0xABCDEF); // the producer handed it over: no copy was made
    }

    @Test
    void pixelsAreReadInPlaceAndCannotBeChanged() {
        RgbImage img = new RgbImage(2, 2, new int[] {7, 8, 9, 10});
        IntBuffer view = img.pixelBuffer();
        assertThat(view.isReadOnly()).isTrue();
        assertThat(view.capacity()).isEqualTo(4);
        assertThat(view.get(3)).isEqualTo(10);
        assertThatThrownBy(() -> view.put(0, 1)).isInstanceOf(ReadOnlyBufferException.class);
        int[] copy = img.copyPixels();
        copy[0] = 99;
        assertThat(img.get(0, 0)).isEqualTo(7);
    }

    @Test
    void equalByPixelsAndRefusesAWrongCount() {
        assertThat(new RgbImage(2, 1, new int[] {1, 2})).isEqualTo(RgbImage.wrap(2, 1, new int[] {1, 2}))
                .hasSameHashCodeAs(new RgbImage(2, 1, new int[] {1, 2}))
                .isNotEqualTo(new RgbImage(1, 2, new int[] {1, 2}));
        assertThatThrownBy(() -> RgbImage.wrap(2, 2, new int[3])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs 4 pixels, got 3");
    }
}
