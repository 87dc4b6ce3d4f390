package io.vqstudio.bridge.llamagen;

import static io.vqstudio.bridge.io.SpecLimits.MAX_CODES;
import static io.vqstudio.bridge.io.SpecLimits.MAX_CONV_CHANNELS;
import static io.vqstudio.bridge.io.SpecLimits.MAX_GRID;
import static io.vqstudio.bridge.io.SpecLimits.MAX_RESOLUTION;
import static io.vqstudio.bridge.io.SpecLimits.MAX_WIDTH;
import static io.vqstudio.bridge.io.SpecLimits.present;
import static io.vqstudio.bridge.io.SpecLimits.range;

import io.vqstudio.bridge.io.Footprint;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.Inferred;
import io.vqstudio.bridge.torchsave.StateDict;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a LlamaGen VQ tokenizer (Sun et al. 2024, {@code tokenizer/tokenizer_image/vq_model.py},
 * {@code VQModel(ModelArgs)}), with LlamaGen's names: the encoder's and decoder's channel
 * multipliers, {@code z_channels}, {@code codebook_size} and {@code codebook_embed_dim}, and the
 * {@code Encoder}/{@code Decoder} defaults {@code ch} and {@code num_res_blocks} that ModelArgs does
 * not carry. Encoder level i has {@code ch * encoderChMult[i]} channels at side
 * {@code resolution / 2^i}; the grid is {@code resolution / 2^(levels - 1)}. Attention is fixed by
 * the architecture (the lowest-resolution level and the middle), not configured. The codebook is
 * always l2-normalised ({@code codebook_l2_norm}, true in every released model).
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}; otherwise a {@link SpecException}
 * names the field.
 *
 * @param name             the published name or the checkpoint's
 * @param resolution       side of the square images, in pixels (LlamaGen's {@code --image-size})
 * @param ch               base channel count (LlamaGen's Encoder/Decoder default 128)
 * @param encoderChMult    {@code encoder_ch_mult}, from the full-resolution level down
 * @param decoderChMult    {@code decoder_ch_mult}, indexed the same way (level 0 = full resolution)
 * @param numResBlocks     residual blocks per encoder level (the decoder has one more)
 * @param zChannels        {@code z_channels}
 * @param codebookSize     {@code codebook_size}
 * @param codebookEmbedDim {@code codebook_embed_dim}, the width of the l2-normalised lookup
 */
public record LlamaGenVqSpec(String name, int resolution, int ch, List<Integer> encoderChMult, List<Integer> decoderChMult,
        int numResBlocks, int zChannels, int codebookSize, int codebookEmbedDim) implements TokenizerSpec {

    public static final String FAMILY = "llamagen-vq";


    /** Resolution levels: f = 128 at most. */
    static final int MAX_LEVELS = 8;

    public LlamaGenVqSpec {
        range("name.length", present("name", name).strip().length(), 1, 200);
        range("ch", ch, 1, MAX_CONV_CHANNELS);
        encoderChMult = multipliers("encoderChMult", encoderChMult, ch);
        decoderChMult = multipliers("decoderChMult", decoderChMult, ch);
        if (decoderChMult.size() != encoderChMult.size()) {
            throw new SpecException("decoderChMult.length", "= " + decoderChMult.size() + " differs from encoderChMult's "
                    + encoderChMult.size() + "; the decoder must up-sample as often as the encoder down-samples");
        }
        range("numResBlocks", numResBlocks, 1, 64);
        range("zChannels", zChannels, 1, MAX_CONV_CHANNELS);
        range("codebookSize", codebookSize, 1, MAX_CODES);
        range("codebookEmbedDim", codebookEmbedDim, 1, MAX_WIDTH);
        range("resolution", resolution, 1, MAX_RESOLUTION);
        int factor = 1 << (encoderChMult.size() - 1);
        if (resolution % factor != 0) {
            throw new SpecException("resolution", "= " + resolution + " is not a multiple of the down-sampling factor " + factor);
        }
        range("resolution / factor", resolution / factor, 1, MAX_GRID);
    }

    private static List<Integer> multipliers(String field, List<Integer> mult, int ch) {
        range(field + ".length", present(field, mult).size(), 1, MAX_LEVELS);
        for (int i = 0; i < mult.size(); i++) {
            String f = field + "[" + i + "]";
            int m = range(f, present(f, mult.get(i)), 1, MAX_CONV_CHANNELS);
            if ((long) ch * m > MAX_CONV_CHANNELS) {
                throw new SpecException(f, "= " + m + " gives " + (long) ch * m + " channels (ch x multiplier); at most " + MAX_CONV_CHANNELS);
            }
        }
        return List.copyOf(mult);
    }

    /**
     * LlamaGen's {@code VQ_16} as released in {@code vq_ds16_c2i.pt} (72M parameters, ImageNet): ModelArgs'
     * defaults (16384 codes of 8, z 256, multipliers [1, 1, 2, 2, 4]), ch 128 and 2 blocks, 256 px -> 16x16.
     */
    public static LlamaGenVqSpec vqDs16C2i() {
        return new LlamaGenVqSpec("vq_ds16_c2i", 256, 128, List.of(1, 1, 2, 2, 4), List.of(1, 1, 2, 2, 4), 2, 256, 16384, 8);
    }

    /** The same file at 384 px -> 24x24, as LlamaGen's 384 px class-conditional models use it (README, sample_c2i.py). */
    public static LlamaGenVqSpec vqDs16C2i384() {
        return vqDs16C2i().withResolution(384).withName("vq_ds16_c2i_384");
    }

    /** LlamaGen's {@code VQ_8} as released in {@code vq_ds8_c2i.pt} (70M): multipliers [1, 2, 2, 4], 256 px -> 32x32. */
    public static LlamaGenVqSpec vqDs8C2i() {
        return new LlamaGenVqSpec("vq_ds8_c2i", 256, 128, List.of(1, 2, 2, 4), List.of(1, 2, 2, 4), 2, 256, 16384, 8);
    }

    /** {@code vq_ds16_t2i.pt}, VQ_16 trained on LAION COCO and internal data, at 256 px (its stage-1 text-to-image side). */
    public static LlamaGenVqSpec vqDs16T2i() {
        return vqDs16C2i().withName("vq_ds16_t2i");
    }

    /** The published models by name. */
    public static Map<String, LlamaGenVqSpec> presets() {
        Map<String, LlamaGenVqSpec> out = new LinkedHashMap<>();
        for (LlamaGenVqSpec s : List.of(vqDs16C2i(), vqDs16C2i384(), vqDs8C2i(), vqDs16T2i())) {
            out.put(s.name(), s);
        }
        return out;
    }

    /** The spec a checkpoint's weights give; see {@link LlamaGenInference}. */
    public static Inferred<LlamaGenVqSpec> infer(StateDict sd) throws ImportException {
        return LlamaGenInference.infer(sd);
    }

    /** Down-sampling factor f = 2^(levels - 1). */
    public int factor() {
        return 1 << (encoderChMult.size() - 1);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public int gridSize() {
        return resolution / factor();
    }

    public int levels() {
        return encoderChMult.size();
    }

    public LlamaGenVqSpec withResolution(int side) {
        return new LlamaGenVqSpec(name, side, ch, encoderChMult, decoderChMult, numResBlocks, zChannels, codebookSize, codebookEmbedDim);
    }

    public LlamaGenVqSpec withName(String newName) {
        return new LlamaGenVqSpec(newName, resolution, ch, encoderChMult, decoderChMult, numResBlocks, zChannels, codebookSize,
                codebookEmbedDim);
    }

    /** Weights (the convolutions, which dominate) and one forward pass's large activations at batch 1. */
    @Override
    public Footprint footprint() {
        int last = levels() - 1;
        long params = 0, largest = 0, in = ch;
        for (int i = 0; i <= last; i++) {                               // encoder, level 0 first
            long w = (long) ch * encoderChMult.get(i), side = resolution >> i;
            params += 9 * in * w + (2L * numResBlocks - 1) * 9 * w * w + (i < last ? 9 * w * w : numResBlocks * 4 * w * w);
            largest = Math.max(largest, w * side * side);
            in = w;
        }
        long deepestE = in, deepestD = (long) ch * decoderChMult.get(last);
        in = deepestD;
        for (int i = last; i >= 0; i--) {                               // decoder, deepest level first
            long w = (long) ch * decoderChMult.get(i), side = resolution >> i;
            params += 9 * in * w + (2L * numResBlocks + 1) * 9 * w * w + (i > 0 ? 9 * w * w : 0)
                    + (i == last ? (numResBlocks + 1L) * 4 * w * w : 0);
            largest = Math.max(largest, w * side * side);
            in = w;
        }
        params += 40 * (deepestE * deepestE + deepestD * deepestD) + 9L * zChannels * (deepestE + deepestD)
                + 2L * zChannels * codebookEmbedDim + (long) codebookSize * codebookEmbedDim;
        long g = gridSize();
        long activations = 4 * (4 * largest + 2 * g * g * g * g);
        return new Footprint(params, activations, activations > 4 * params ? "resolution" : "ch");
    }
}
