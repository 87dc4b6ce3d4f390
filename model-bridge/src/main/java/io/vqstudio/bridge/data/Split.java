package io.vqstudio.bridge.data;

import java.nio.charset.StandardCharsets;

/**
 * The train/validation split, decided per image by a hash of its name, so it is the same in every
 * run, on every JVM, whatever the seed, the thread count or the order files are listed in; and an
 * image added to the dataset later does not move any other image between the parts.
 */
public final class Split {

    /** The two parts of a dataset. */
    public enum Part { TRAIN, VALIDATION }

    private static final int BUCKETS = 10_000;

    private Split() {}

    /** True when the image named {@code name} belongs to the validation part for this fraction. */
    public static boolean isValidation(String name, double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1], got " + fraction);
        }
        return Long.remainderUnsigned(hash(name), BUCKETS) < Math.round(fraction * BUCKETS);
    }

    public static Part partOf(String name, double fraction) {
        return isValidation(name, fraction) ? Part.VALIDATION : Part.TRAIN;
    }

    /**
     * 64-bit FNV-1a of the UTF-8 bytes, then MurmurHash3's fmix64 finaliser. FNV alone leaves the
     * low bits poorly mixed for names differing only in their last digits ({@code x_1.JPEG},
     * {@code x_2.JPEG}), and the bucket is taken from the low bits. Both steps are fixed
     * arithmetic: never change them, or every saved split moves.
     */
    static long hash(String name) {
        long h = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
