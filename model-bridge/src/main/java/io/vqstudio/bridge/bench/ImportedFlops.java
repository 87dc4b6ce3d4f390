package io.vqstudio.bridge.bench;

import io.vqstudio.bridge.enhancing.EnhancingVitvqSpec;
import io.vqstudio.bridge.llamagen.LlamaGenVqSpec;
import io.vqstudio.bridge.taming.TamingVqganSpec;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Analytic forward FLOPs of one image (a multiply-add counts 2) through the imported families, the
 * numerator of their MFU, counted as {@link Flops} counts ours: convolutions at the size of the
 * map they write, linear layers, the two attention products, the nearest-code search (2 T K d);
 * norms, activations, softmax and the nearest-neighbour up-sampling are left out.
 */
public final class ImportedFlops {

    private ImportedFlops() {}

    /** Forward FLOPs of encoding one image to codes (encoder, projection to the lookup space, code search). */
    public static double encode(TokenizerSpec spec) {
        long t = (long) spec.gridSize() * spec.gridSize();
        if (spec instanceof TamingVqganSpec s) {
            return taming(s).encoder() + lookup(t, s.zChannels(), s.embedDim(), s.nEmbed());
        }
        if (spec instanceof LlamaGenVqSpec s) {
            return llamaGen(s).encoder() + lookup(t, s.zChannels(), s.codebookEmbedDim(), s.codebookSize());
        }
        EnhancingVitvqSpec s = (EnhancingVitvqSpec) spec;
        double patch = 2.0 * t * 3 * s.patchSize() * s.patchSize() * s.encoder().dim();
        return patch + stack(s.encoder(), t) + lookup(t, s.encoder().dim(), s.embedDim(), s.nEmbed());
    }

    /** Forward FLOPs of decoding one grid of codes to an image (projection from the lookup space, decoder). */
    public static double decode(TokenizerSpec spec) {
        long t = (long) spec.gridSize() * spec.gridSize();
        if (spec instanceof TamingVqganSpec s) {
            return 2.0 * t * s.embedDim() * s.zChannels() + taming(s).decoder();
        }
        if (spec instanceof LlamaGenVqSpec s) {
            return 2.0 * t * s.codebookEmbedDim() * s.zChannels() + llamaGen(s).decoder();
        }
        EnhancingVitvqSpec s = (EnhancingVitvqSpec) spec;
        double unpatchify = 2.0 * t * s.decoder().dim() * 3 * s.patchSize() * s.patchSize();
        return 2.0 * t * s.embedDim() * s.decoder().dim() + stack(s.decoder(), t) + unpatchify;
    }

    /** A 1x1 projection z -> d (quant_conv, pre_quant) and the distances of T vectors to K codes of d. */
    private static double lookup(long t, int z, int d, int k) {
        return 2.0 * t * z * d + 2.0 * t * (double) k * d;
    }

    /** Taming: the same widths on both sides, attention on the levels its config names. */
    private static Cnn taming(TamingVqganSpec s) {
        int[] w = widths(s.ch(), s.chMult());
        return new Cnn(s.resolution(), s.ch(), w, w, s.numResBlocks(), s::hasAttention, s::hasAttention, s.zChannels());
    }

    /** LlamaGen: attention on the lowest-resolution level only, on both sides. */
    private static Cnn llamaGen(LlamaGenVqSpec s) {
        int last = s.levels() - 1;
        return new Cnn(s.resolution(), s.ch(), widths(s.ch(), s.encoderChMult()), widths(s.ch(), s.decoderChMult()),
                s.numResBlocks(), i -> i == last, i -> i == last, s.zChannels());
    }

    private static int[] widths(int ch, List<Integer> mult) {
        return mult.stream().mapToInt(m -> ch * m).toArray();
    }

    /** One transformer stack over t tokens: q, k, v and out projections, the two attention products, the MLP. */
    private static double stack(EnhancingVitvqSpec.Stack s, long t) {
        double d = s.dim(), inner = s.inner();
        double projections = 2.0 * t * d * 3 * inner + (s.projectsOut() ? 2.0 * t * inner * d : 0);
        double attention = 2 * 2.0 * t * t * inner;
        double mlp = 2 * 2.0 * t * d * s.mlpDim();
        return s.depth() * (projections + attention + mlp);
    }

    /**
     * Taming's convolutional encoder and decoder (LlamaGen's are the same network): level i has
     * {@code widths[i]} channels at side {@code resolution / 2^i}; the encoder runs {@code numRes}
     * residual blocks a level, the decoder one more.
     */
    private record Cnn(int resolution, int ch, int[] encWidths, int[] decWidths, int numRes,
                       IntPredicate encAttention, IntPredicate decAttention, int zChannels) {

        int side(int level) {
            return resolution >> level;
        }

        double encoder() {
            int last = encWidths.length - 1;
            double total = conv(3, ch, 3, side(0));                                    // conv_in
            int in = ch;
            for (int i = 0; i <= last; i++) {
                for (int j = 0; j < numRes; j++) {
                    total += res(in, encWidths[i], side(i)) + (encAttention.test(i) ? attn(encWidths[i], side(i)) : 0);
                    in = encWidths[i];
                }
                total += i < last ? conv(in, in, 3, side(i + 1)) : 0;                  // stride-2 downsample
            }
            return total + mid(in, side(last)) + conv(in, zChannels, 3, side(last));   // mid, conv_out
        }

        double decoder() {
            int last = decWidths.length - 1;
            int in = decWidths[last];
            double total = conv(zChannels, in, 3, side(last)) + mid(in, side(last));   // conv_in, mid
            for (int i = last; i >= 0; i--) {
                for (int j = 0; j <= numRes; j++) {
                    total += res(in, decWidths[i], side(i)) + (decAttention.test(i) ? attn(decWidths[i], side(i)) : 0);
                    in = decWidths[i];
                }
                total += i > 0 ? conv(in, in, 3, side(i - 1)) : 0;                     // upsample's conv at twice the side
            }
            return total + conv(in, 3, 3, side(0));                                   // conv_out
        }

        private static double mid(int c, int side) {
            return 2 * res(c, c, side) + attn(c, side);
        }

        /** conv1, conv2 and the 1x1 nin_shortcut when the width changes. */
        private static double res(int in, int out, int side) {
            return conv(in, out, 3, side) + conv(out, out, 3, side) + (in != out ? conv(in, out, 1, side) : 0);
        }

        /** q, k, v and proj_out (1x1), then q^T k and v att^T over n = side^2 positions. */
        private static double attn(int c, int side) {
            double n = (double) side * side;
            return 4 * conv(c, c, 1, side) + 2 * 2 * n * n * c;
        }

        private static double conv(int in, int out, int k, int side) {
            return 2.0 * in * out * k * k * side * side;
        }
    }
}
