package io.vqstudio.bridge.cnn;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CONV_CHANNELS;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.SpecException;
import java.util.List;

/**
 * Taming's convolutional encoder/decoder: {@code baseChannels * channelMult[i]} channels at each
 * resolution level, {@code numResBlocks} residual blocks per level, one down-sampling (x2) between
 * levels, so the down-sampling factor is f = 2^(levels - 1); a non-local attention block at the
 * lowest resolution; {@code zChannels} channels at the bottleneck.
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}; otherwise a {@link SpecException}
 * names the field.
 */
public record CnnSpec(int baseChannels, List<Integer> channelMult, int numResBlocks, int zChannels) {

    /** Resolution levels: f = 128 at most. */
    static final int MAX_LEVELS = 8;

    public CnnSpec {
        range("baseChannels", baseChannels, 1, MAX_CONV_CHANNELS);
        range("channelMult.length", present("channelMult", channelMult).size(), 1, MAX_LEVELS);
        for (int i = 0; i < channelMult.size(); i++) {
            String field = "channelMult[" + i + "]";
            int mult = range(field, present(field, channelMult.get(i)), 1, MAX_CONV_CHANNELS);
            if ((long) baseChannels * mult > MAX_CONV_CHANNELS) {
                throw new SpecException(field, "= " + mult + " gives " + (long) baseChannels * mult
                        + " channels (baseChannels x multiplier); at most " + MAX_CONV_CHANNELS);
            }
        }
        channelMult = List.copyOf(channelMult);
        range("numResBlocks", numResBlocks, 1, 64);
        range("zChannels", zChannels, 1, MAX_CONV_CHANNELS);
    }

    /** Down-sampling factor f. */
    public int factor() {
        return 1 << (channelMult.size() - 1);
    }

    /** Weights of encoder and decoder together: the 3x3 convolutions, which dominate. */
    public long parameters() {
        long total = 0;
        long in = baseChannels;
        for (int level = 0; level < channelMult.size(); level++) {
            long out = (long) baseChannels * channelMult.get(level);
            // numResBlocks blocks down, one more up, two convs each; then the down- and up-sampling convs
            total += (2L * numResBlocks + 1) * 18 * out * out + 9 * in * out;
            if (level < channelMult.size() - 1) {
                total += 18 * out * out;
            }
            in = out;
        }
        return total + 2 * (36 + 4) * in * in + 18 * in * zChannels; // mid blocks, attention, bottleneck convs
    }

    /** Bytes of the largest activations of one image of side {@code resolution}: feature maps, mid attention. */
    public long activationBytes(int resolution) {
        long largest = 6L * resolution * resolution;
        for (int level = 0; level < channelMult.size(); level++) {
            long side = resolution >> level;
            largest = Math.max(largest, (long) baseChannels * channelMult.get(level) * side * side);
        }
        long n = (long) (resolution / factor()) * (resolution / factor());
        return 4 * (4 * largest + 2 * n * n);
    }

    /** 64x64 -> 16x16 tokens (f = 4) on a CPU. */
    public static CnnSpec cpu() {
        return new CnnSpec(64, List.of(1, 2, 2), 1, 256);
    }

    /** Taming's f = 16 ImageNet model at 256x256. */
    public static CnnSpec taming() {
        return new CnnSpec(128, List.of(1, 1, 2, 2, 4), 2, 256);
    }

    public static CnnSpec tiny() {
        return new CnnSpec(16, List.of(1, 2), 1, 32);
    }
}
