package io.vqstudio.bridge.tokenizer;

import java.util.List;

/**
 * Taming's convolutional encoder/decoder: {@code baseChannels * channelMult[i]} channels at each
 * resolution level, {@code numResBlocks} residual blocks per level, one down-sampling (x2) between
 * levels, so the down-sampling factor is f = 2^(levels - 1); a non-local attention block at the
 * lowest resolution; {@code zChannels} channels at the bottleneck.
 */
public record CnnSpec(int baseChannels, List<Integer> channelMult, int numResBlocks, int zChannels) {

    public CnnSpec {
        channelMult = List.copyOf(channelMult);
        if (channelMult.isEmpty() || baseChannels < 1 || numResBlocks < 1 || zChannels < 1) {
            throw new IllegalArgumentException("invalid CNN spec");
        }
    }

    /** Down-sampling factor f. */
    public int factor() {
        return 1 << (channelMult.size() - 1);
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
