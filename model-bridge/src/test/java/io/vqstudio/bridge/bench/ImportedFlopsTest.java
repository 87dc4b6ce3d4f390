package io.vqstudio.bridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.TestEngine;
import io.vqstudio.bridge.enhancing.EnhancingVitvqSpec;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.llamagen.LlamaGenVqSpec;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The imported families' analytic FLOPs against two independent counts: one written out by hand for
 * a one-level taming model, and one taken from the built model's own weights (a convolution or
 * linear layer costs 2 x its weight count x the positions of the map it writes; the code search
 * 2 x the codebook's size x the tokens; plus the two attention products of every attention block),
 * which catches a layer the analytic count forgets or sizes wrongly.
 */
class ImportedFlopsTest {

    @RegisterExtension
    static final TestEngine ENGINE = TestEngine.perClass().withoutGradients();

    private static final Pattern LEVEL = Pattern.compile("\\.(\\d+)\\.");

    @Test
    void aOneLevelTamingModelCountedByHand() {
        // 8 px, 32 channels, 1 block, attention at side 8, z 32, 16 codes of 4: every map is 8x8 = 64 positions.
        TamingVqganSpec s = new TamingVqganSpec("hand", 8, 32, List.of(1), 1, List.of(8), 32, 4, 16);
        double conv3 = 2.0 * 32 * 32 * 9 * 64;                   // one 3x3 32 -> 32 convolution
        double res = 2 * conv3;                                   // conv1 + conv2, no shortcut
        double attn = 4 * (2.0 * 32 * 32 * 64) + 2 * (2.0 * 64 * 64 * 32); // q, k, v, proj_out; q^T k and v att^T
        double encoder = 2.0 * 3 * 32 * 9 * 64 + res + attn + (res + attn + res) + conv3; // conv_in, level, mid, conv_out
        double lookup = 2.0 * 64 * 32 * 4 + 2.0 * 64 * 16 * 4;   // quant_conv, distances to 16 codes
        double decoder = conv3 + (res + attn + res) + 2 * (res + attn) + 2.0 * 32 * 3 * 9 * 64; // conv_in, mid, 2 blocks, conv_out
        assertThat(ImportedFlops.encode(s)).isEqualTo(encoder + lookup);
        assertThat(ImportedFlops.decode(s)).isEqualTo(2.0 * 64 * 4 * 32 + decoder); // post_quant_conv first
    }

    @Test
    void tamingMatchesTheCountFromItsWeights() {
        TamingVqganSpec s = new TamingVqganSpec("t", 32, 32, List.of(1, 2, 2), 1, List.of(16), 16, 8, 64); // attention on level 1
        int last = 2;
        // down.i at level i, its downsample writes level i + 1; up.i at level i, its upsample writes level i - 1.
        fromWeights(s, name -> {
            if (name.startsWith("encoder.down.") || name.startsWith("decoder.up.")) {
                int level = level(name);
                return name.contains("downsample") ? level + 1 : name.contains("upsample") ? level - 1 : level;
            }
            return name.endsWith("conv_in.weight") && name.startsWith("encoder") || name.startsWith("decoder.conv_out") ? 0 : last;
        });
    }

    @Test
    void llamaGenMatchesTheCountFromItsWeights() {
        LlamaGenVqSpec s = new LlamaGenVqSpec("l", 32, 32, List.of(1, 2, 2), List.of(1, 1, 2), 1, 16, 64, 8);
        int last = 2;
        // Encoder groups are levels; decoder group j is level last - j, and its upsample writes the level above.
        fromWeights(s, name -> {
            if (name.startsWith("encoder.conv_blocks.")) {
                return level(name) + (name.contains("downsample") ? 1 : 0);
            }
            if (name.startsWith("decoder.conv_blocks.")) {
                return last - level(name) - (name.contains("upsample") ? 1 : 0);
            }
            return name.equals("encoder.conv_in.weight") || name.equals("decoder.conv_out.weight") ? 0 : last;
        });
    }

    @Test
    void enhancingMatchesTheCountFromItsWeights() {
        // The decoder's single head as wide as the tokens has no output projection, as in the reference.
        EnhancingVitvqSpec s = new EnhancingVitvqSpec("e", 32, 8, new EnhancingVitvqSpec.Stack(64, 2, 2, 16, 96),
                new EnhancingVitvqSpec.Stack(64, 1, 1, 64, 128), 8, 64);
        fromWeights(s, name -> 3);                                   // every layer works on the 4x4 tokens: side 32 >> 3
    }

    @Test
    void publishedShapesCostWhatTheirSizeSays() {
        // taming f16 at 256 px: the decoder's level 0 alone is six 3x3 128 -> 128 convolutions and one more
        // after the last upsample, at 256 x 256.
        TamingVqganSpec f16 = TamingVqganSpec.imagenetF16x16384();
        double level0 = 7 * 2.0 * 128 * 128 * 9 * 256 * 256;
        assertThat(ImportedFlops.decode(f16)).isGreaterThan(level0).isLessThan(2 * level0);
    }

    /**
     * The analytic counts of {@code spec} equal the count from the built model's weights, each
     * 2-D-or-more weight at the level {@code levelOf} gives its name (side = resolution >> level).
     */
    private static void fromWeights(TokenizerSpec spec, ToLongFunction<String> levelOf) {
        double encode = 0, decode = 0;
        try (NDManager m = ENGINE.manager().newSubManager()) {
            Map<String, NDArray> params = ((Module) TokenizerStore.buildAny(m, spec)).parameters();
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                String name = e.getKey();
                long[] shape = e.getValue().getShape().getShape();
                if (shape.length < 2 || name.contains("pos_embedding")) {
                    continue;                                        // biases, norms, fixed positions
                }
                double positions = Math.pow(spec.resolution() >> levelOf.applyAsLong(name), 2);
                double flops = 2.0 * e.getValue().getShape().size() * positions;
                if (name.endsWith(".q.weight")) {                   // taming's and LlamaGen's attention blocks
                    flops += 2 * 2.0 * positions * positions * shape[0];
                } else if (name.endsWith("to_qkv.weight")) {        // enhancing's: inner = heads * dimHead
                    flops += 2 * 2.0 * positions * positions * shape[0] / 3;
                }
                boolean encodes = name.startsWith("encoder.") || name.startsWith("quant") || name.startsWith("pre_quant");
                if (encodes) {
                    encode += flops;
                } else {
                    decode += flops;
                }
            }
        }
        assertThat(ImportedFlops.encode(spec)).isCloseTo(encode, within(1e-9 * encode));
        assertThat(ImportedFlops.decode(spec)).isCloseTo(decode, within(1e-9 * decode));
    }

    private static int level(String name) {
        Matcher mt = LEVEL.matcher(name);
        if (!mt.find()) {
            throw new IllegalArgumentException(name);
        }
        return Integer.parseInt(mt.group(1));
    }
}
