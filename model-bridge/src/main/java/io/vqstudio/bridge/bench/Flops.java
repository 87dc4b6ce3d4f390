package io.vqstudio.bridge.bench;

import io.vqstudio.bridge.cnn.CnnSpec;
import io.vqstudio.bridge.cnn.CnnTokenizerSpec;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.vit.ViTVqganSpec;
import io.vqstudio.bridge.vit.ViTSize;

/**
 * Analytic model FLOPs (a multiply-add counts 2), the numerator of MFU. Only matrix products and
 * convolutions are counted; norms, activations and softmax are left out, as is usual for MFU.
 * A training step is taken as 3x the forward FLOPs (forward, then backward for activations and
 * weights).
 */
public final class Flops {

    private Flops() {}

    /** Forward FLOPs of one transformer stack over {@code t} tokens. */
    public static double transformer(ViTSize s, long t) {
        double d = s.width();
        double perLayer = t * (2 * 3 * d * d + 2 * d * d + 2 * 2 * d * s.mlpDim()) + 2 * 2 * t * t * d;
        double head = t * (2 * d * s.mlpDim() + 2 * s.mlpDim() * d); // the tanh output head
        return s.layers() * perLayer + head;
    }

    /** Forward FLOPs of encoding one image to codes (encoder + quantizer). */
    public static double encode(TrainableTokenizerSpec spec) {
        long t = (long) spec.gridSize() * spec.gridSize();
        double quant = quantizer(spec, t);
        if (spec instanceof ViTVqganSpec v) {
            double patch = t * 2.0 * 3 * v.patchSize() * v.patchSize() * v.encoder().width();
            return patch + transformer(v.encoder(), t) + quant;
        }
        CnnTokenizerSpec c = (CnnTokenizerSpec) spec;
        return cnn(c.cnn(), c.resolution(), c.attention()) / 2 + quant;
    }

    /** Forward FLOPs of decoding one grid of codes to an image. */
    public static double decode(TrainableTokenizerSpec spec) {
        long t = (long) spec.gridSize() * spec.gridSize();
        if (spec instanceof ViTVqganSpec v) {
            double out = t * 2.0 * v.decoder().width() * v.patchSize() * v.patchSize() * 6;
            return transformer(v.decoder(), t) + out + t * 2.0 * v.quantizer().lookupDim() * v.decoder().width();
        }
        CnnTokenizerSpec c = (CnnTokenizerSpec) spec;
        return cnn(c.cnn(), c.resolution(), c.attention()) / 2;
    }

    private static double quantizer(TrainableTokenizerSpec spec, long t) {
        int c = spec.quantizer().lookupDim();
        int d = spec instanceof ViTVqganSpec v ? v.encoder().width() : ((CnnTokenizerSpec) spec).cnn().zChannels();
        double proj = c == d ? 0 : t * 2.0 * d * c;
        return proj + t * 2.0 * c * spec.quantizer().codebookSize();
    }

    /** Encoder + decoder forward FLOPs of taming's CNN (3x3 convs of the residual blocks dominate). */
    static double cnn(CnnSpec s, int res, boolean attention) {
        double total = 0;
        int hw = res;
        int in = s.baseChannels();
        total += conv(3, in, 3, hw) * 2;                                  // conv_in / a 6-channel conv_out
        for (int level = 0; level < s.channelMult().size(); level++) {
            int out = s.baseChannels() * s.channelMult().get(level);
            for (int b = 0; b < s.numResBlocks(); b++) {
                total += 2 * (conv(in, out, 3, hw) + conv(out, out, 3, hw)); // encoder + decoder blocks
                in = out;
            }
            if (level < s.channelMult().size() - 1) {
                hw /= 2;
                total += 2 * conv(in, in, 3, hw);
            }
        }
        total += 2 * 2 * (conv(in, in, 3, hw) * 2);                        // mid res blocks, both sides
        if (attention) {
            double n = (double) hw * hw;
            total += 2 * (4 * 2 * n * in * in + 2 * 2 * n * n * in);
        }
        return total;
    }

    private static double conv(int in, int out, int k, int hw) {
        return 2.0 * in * out * k * k * hw * hw;
    }
}
