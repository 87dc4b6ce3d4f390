package io.vqstudio.bridge.io;

/**
 * The bounds every model spec is held to when it is built, before anything is allocated: a spec
 * comes from a file someone gave us, and one asking for a billion layers must be refused in a line,
 * not found out by the kernel's OOM killer.
 *
 * <p>The field limits come from what the engine can hold, not from taste. Weights reach a
 * parameter through one Java {@code float[]} (safetensors loading, {@code NDArray.set}), so no
 * single tensor may exceed 2^31 - 1 elements; the widths below keep the largest tensor each model
 * makes under that (a {@link #MAX_WIDTH} x {@link #MAX_MLP} linear layer is 2^30 weights, a 3x3
 * convolution of {@link #MAX_CONV_CHANNELS} channels each side 6 x 10^8, a prior's causal mask over
 * {@link #MAX_GRID}^2 + 1 positions is built as one Java array of 2.7 x 10^8 floats). The layer count
 * is far past any published model of these families (ViT-VQGAN Large: 32, VIM Large: 36) and keeps
 * every size product inside a {@code long}. Whether a spec within these bounds fits this machine is
 * the second check, {@link Footprint#requireFits}.
 */
public final class SpecLimits {

    /** Transformer blocks per stack. */
    public static final int MAX_LAYERS = 256;
    /** Transformer width d, and a codebook's lookup dimension. */
    public static final int MAX_WIDTH = 16384;
    /** Hidden width of a transformer block's MLP. */
    public static final int MAX_MLP = 65536;
    /** Channels of any CNN level (base x multiplier) and of the CNN's bottleneck. */
    public static final int MAX_CONV_CHANNELS = 8192;
    /** Side of the square images a tokenizer takes. */
    public static final int MAX_RESOLUTION = 4096;
    /** Side of a ViT patch. */
    public static final int MAX_PATCH = 64;
    /** Side of a token grid; a token file holds grid^2 uint16 codes per image. */
    public static final int MAX_GRID = 128;
    /** Codes in a codebook: codes are stored as uint16. */
    public static final int MAX_CODES = 65536;
    /** Classes a prior conditions on. */
    public static final int MAX_CLASSES = 100_000;

    private SpecLimits() {}

    /** {@code value}, or a {@link SpecException} naming {@code field} when it is outside min..max. */
    public static int range(String field, int value, int min, int max) {
        if (value < min || value > max) {
            throw new SpecException(field, "= " + value + " is out of range (" + min + ".." + max + ")");
        }
        return value;
    }

    /** {@code value}, or a {@link SpecException} naming {@code field} when it is missing (null). */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new SpecException(field, "is missing");
        }
        return value;
    }

    /** {@code value}, or a {@link SpecException} when it is missing or was not one of the constants (Gson reads null). */
    public static <E extends Enum<E>> E known(String field, E value, Class<E> type) {
        if (value == null) {
            throw new SpecException(field, "is missing or not one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
        return value;
    }

    /** A loss weight or rate: finite and within min..max. */
    public static float range(String field, float value, float min, float max) {
        if (!(value >= min && value <= max)) { // NaN fails both
            throw new SpecException(field, "= " + value + " is out of range (" + min + ".." + max + ")");
        }
        return value;
    }
}
