package io.vqstudio.bridge.llamagen;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CONV_CHANNELS;

import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecLimits;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.taming.WeightShapes;
import io.vqstudio.bridge.torchsave.StateDict;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a {@link LlamaGenVqSpec} off a LlamaGen VQ checkpoint's weights (LlamaGen saves no config
 * with them): {@code ch} from {@code encoder.conv_in.weight}; the levels and encoder multipliers
 * from the widths of {@code encoder.conv_blocks.i.res.0.conv1.weight}; the decoder's from
 * {@code decoder.conv_blocks.j.res.0.conv1.weight}, whose groups are stored in run order (j = 0 the
 * deepest level); {@code num_res_blocks} from the blocks of encoder level 0; {@code z_channels},
 * {@code codebook_embed_dim} and {@code codebook_size} from {@code encoder.conv_out},
 * {@code quant_conv} and {@code quantize.embedding}. The resolution is 256 px, the side every
 * released tokenizer was trained at, unless the caller chooses another.
 */
final class LlamaGenInference {

    static final String FAMILY = "LlamaGen VQ";
    static final int DEFAULT_RESOLUTION = 256;

    private LlamaGenInference() {}

    static Inferred<LlamaGenVqSpec> infer(StateDict sd) throws ImportException {
        String p = WeightCopy.prefix(sd, "encoder.conv_in.weight", FAMILY);
        WeightShapes s = new WeightShapes(sd, p, FAMILY);
        List<String> lines = new ArrayList<>();
        if (!p.isEmpty()) {
            long others = sd.tensors().keySet().stream().filter(k -> !k.startsWith(p)).count();
            lines.add("The tokenizer's weights sit under '" + p + "'; " + others + " other weights are not part of it and are left out.");
        }
        long[] convIn = s.shape("encoder.conv_in.weight", 4);                  // (ch, 3, 3, 3)
        if (convIn[1] != 3) {
            throw new ImportException(sd.file(), "takes " + convIn[1] + " input channels (encoder.conv_in.weight); only RGB models (3) are supported");
        }
        int ch = s.outChannels("encoder.conv_in.weight", MAX_CONV_CHANNELS);
        int levels = s.count("encoder.conv_blocks.", ".res.0.conv1.weight");
        int numResBlocks = s.count("encoder.conv_blocks.0.res.", ".conv1.weight");
        int decoderLevels = s.count("decoder.conv_blocks.", ".res.0.conv1.weight");
        if (decoderLevels != levels) {
            throw new ImportException(sd.file(), "has " + levels + " encoder levels (encoder.conv_blocks) but " + decoderLevels
                    + " decoder levels (decoder.conv_blocks); they must be equal");
        }
        List<Integer> encoderMult = new ArrayList<>(), decoderMult = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            encoderMult.add(multiplier(sd, s, "encoder.conv_blocks." + i + ".res.0.conv1.weight", ch));
        }
        for (int i = 0; i < levels; i++) { // decoder group j = levels - 1 - i runs level i
            decoderMult.add(multiplier(sd, s, "decoder.conv_blocks." + (levels - 1 - i) + ".res.0.conv1.weight", ch));
        }
        int zChannels = s.outChannels("encoder.conv_out.weight", MAX_CONV_CHANNELS);
        int embedDim = s.outChannels("quant_conv.weight", SpecLimits.MAX_WIDTH);
        long[] book = s.shape("quantize.embedding.weight", 2);                  // (codebook_size, codebook_embed_dim)
        LlamaGenVqSpec spec;
        try {
            spec = new LlamaGenVqSpec(Inferred.nameOf(sd.file()), DEFAULT_RESOLUTION, ch, encoderMult, decoderMult, numResBlocks,
                    zChannels, (int) Math.min(book[0], Integer.MAX_VALUE), embedDim);
        } catch (SpecException e) {
            throw new ImportException(sd.file(), "gives a model outside the supported bounds: " + e.getMessage());
        }
        lines.add("ch = " + ch + " from encoder.conv_in.weight " + Arrays.toString(convIn) + "; encoder_ch_mult " + encoderMult
                + " (" + levels + " levels, f = " + spec.factor() + ") from the widths of encoder.conv_blocks.i.res.0.conv1.weight;"
                + " decoder_ch_mult " + decoderMult + " from decoder.conv_blocks.j (stored deepest level first); num_res_blocks = "
                + numResBlocks + " from the blocks of encoder.conv_blocks.0.");
        lines.add("z_channels = " + zChannels + " (encoder.conv_out.weight), " + book[0] + " codes of " + book[1]
                + " (quantize.embedding.weight); latents and codes are l2-normalised before the nearest-code search and the"
                + " decoder gets the normalised codes (codebook_l2_norm, on in every released LlamaGen tokenizer; the weights"
                + " cannot show it).");
        if (s.has("quantize.codebook_used")) {
            lines.add("quantize.codebook_used (a training statistic of recent code use) is left out.");
        }
        lines.add("LlamaGen saves no config: resolution " + DEFAULT_RESOLUTION + " px is assumed (the side its tokenizers were"
                + " trained at; a CNN's weights do not depend on the image side, which only sets the size images are resized"
                + " to: the same file serves 384 px as a " + (384 / spec.factor()) + "x" + (384 / spec.factor()) + " grid), so "
                + spec.gridSize() + "x" + spec.gridSize() + " codes per image.");
        return new Inferred<>(spec, lines);
    }

    private static int multiplier(StateDict sd, WeightShapes s, String key, int ch) throws ImportException {
        int width = s.outChannels(key, MAX_CONV_CHANNELS);
        if (width % ch != 0) {
            throw new ImportException(sd.file(), "weight '" + key + "' has " + width + " channels, not a multiple of ch = " + ch);
        }
        return width / ch;
    }
}
