package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.Inferred;
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
import io.vqstudio.bridge.torchsave.StateDict;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of a taming-transformers VQGAN (Esser et al. 2021, {@code taming.models.vqgan.VQModel}),
 * with taming's own config names: {@code ddconfig.ch}, {@code ch_mult}, {@code num_res_blocks},
 * {@code attn_resolutions}, {@code z_channels}, {@code resolution}, and {@code embed_dim},
 * {@code n_embed}. Level i has {@code ch * chMult[i]} channels at side {@code resolution / 2^i};
 * attention follows every residual block of the levels whose side is in {@code attnResolutions};
 * the grid is {@code resolution / 2^(levels - 1)}.
 *
 * <p>Built only within {@link io.vqstudio.bridge.io.SpecLimits}; otherwise a {@link SpecException}
 * names the field.
 *
 * @param name            the published name or the checkpoint's, for messages and the model list
 * @param resolution      side of the square images, in pixels (taming's {@code ddconfig.resolution})
 * @param ch              base channel count ({@code ddconfig.ch})
 * @param chMult          channel multiplier per level, from the full-resolution level down
 * @param numResBlocks    residual blocks per encoder level (the decoder has one more)
 * @param attnResolutions feature-map sides at which attention blocks follow the residual blocks
 * @param zChannels       encoder output and decoder input channels ({@code ddconfig.z_channels})
 * @param embedDim        code vector width ({@code embed_dim}; quant_conv maps z to it)
 * @param nEmbed          number of codes ({@code n_embed})
 */
public record TamingVqganSpec(String name, int resolution, int ch, List<Integer> chMult, int numResBlocks,
        List<Integer> attnResolutions, int zChannels, int embedDim, int nEmbed) implements TokenizerSpec {

    public static final String FAMILY = "taming-vqgan";


    /** Resolution levels: f = 128 at most. */
    static final int MAX_LEVELS = 8;

    public TamingVqganSpec {
        range("name.length", present("name", name).strip().length(), 1, 200);
        range("ch", ch, 1, MAX_CONV_CHANNELS);
        range("chMult.length", present("chMult", chMult).size(), 1, MAX_LEVELS);
        for (int i = 0; i < chMult.size(); i++) {
            String field = "chMult[" + i + "]";
            int mult = range(field, present(field, chMult.get(i)), 1, MAX_CONV_CHANNELS);
            if ((long) ch * mult > MAX_CONV_CHANNELS) {
                throw new SpecException(field, "= " + mult + " gives " + (long) ch * mult
                        + " channels (ch x multiplier); at most " + MAX_CONV_CHANNELS);
            }
        }
        chMult = List.copyOf(chMult);
        range("numResBlocks", numResBlocks, 1, 64);
        range("attnResolutions.length", present("attnResolutions", attnResolutions).size(), 0, MAX_LEVELS);
        for (int i = 0; i < attnResolutions.size(); i++) {
            range("attnResolutions[" + i + "]", present("attnResolutions[" + i + "]", attnResolutions.get(i)), 1, MAX_RESOLUTION);
        }
        attnResolutions = List.copyOf(attnResolutions);
        range("zChannels", zChannels, 1, MAX_CONV_CHANNELS);
        range("embedDim", embedDim, 1, MAX_WIDTH);
        range("nEmbed", nEmbed, 1, MAX_CODES);
        range("resolution", resolution, 1, MAX_RESOLUTION);
        int factor = 1 << (chMult.size() - 1);
        if (resolution % factor != 0) {
            throw new SpecException("resolution", "= " + resolution + " is not a multiple of the down-sampling factor " + factor);
        }
        range("resolution / factor", resolution / factor, 1, MAX_GRID);
    }

    /** Taming's {@code vqgan_imagenet_f16_1024}: its {@code configs/model.yaml} (1024 codes of 256, 16x16 at 256 px). */
    public static TamingVqganSpec imagenetF16x1024() {
        return new TamingVqganSpec("vqgan_imagenet_f16_1024", 256, 128, List.of(1, 1, 2, 2, 4), 2, List.of(16), 256, 256, 1024);
    }

    /** Taming's {@code vqgan_imagenet_f16_16384}: the same network with 16384 codes (its {@code configs/model.yaml}). */
    public static TamingVqganSpec imagenetF16x16384() {
        return new TamingVqganSpec("vqgan_imagenet_f16_16384", 256, 128, List.of(1, 1, 2, 2, 4), 2, List.of(16), 256, 256, 16384);
    }

    /** The published models by name. */
    public static Map<String, TamingVqganSpec> presets() {
        Map<String, TamingVqganSpec> out = new LinkedHashMap<>();
        for (TamingVqganSpec s : List.of(imagenetF16x1024(), imagenetF16x16384())) {
            out.put(s.name(), s);
        }
        return out;
    }

    /**
     * The spec a checkpoint's weights give, with taming's {@code model.yaml} when one lies beside it
     * (null otherwise); see {@link TamingInference}.
     */
    public static Inferred<TamingVqganSpec> infer(StateDict sd, TamingYaml yamlOrNull) throws IOException {
        return TamingInference.infer(sd, yamlOrNull);
    }

    /** Down-sampling factor f = 2^(levels - 1). */
    public int factor() {
        return 1 << (chMult.size() - 1);
    }

    @Override
    public String family() {
        return FAMILY;
    }

    @Override
    public int codebookSize() {
        return nEmbed;
    }

    /** Side of the code grid. */
    @Override
    public int gridSize() {
        return resolution / factor();
    }

    /** Channels of level i. */
    public int width(int level) {
        return ch * chMult.get(level);
    }

    /** Whether level i has attention blocks: its side, resolution / 2^i, is one of {@link #attnResolutions}. */
    public boolean hasAttention(int level) {
        return attnResolutions.contains(resolution >> level);
    }

    /** The levels with attention, in order. */
    public List<Integer> attnLevels() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < chMult.size(); i++) {
            if (hasAttention(i)) {
                out.add(i);
            }
        }
        return out;
    }

    /**
     * The same network at another image side, the attention kept on the same levels (a CNN's weights do
     * not depend on the side; taming places attention by side, so the sides are rescaled with it).
     */
    public TamingVqganSpec withResolution(int side) {
        List<Integer> attn = new ArrayList<>();
        for (int level : attnLevels()) {
            attn.add(side >> level);
        }
        return new TamingVqganSpec(name, side, ch, chMult, numResBlocks, attn, zChannels, embedDim, nEmbed);
    }

    public TamingVqganSpec withName(String newName) {
        return new TamingVqganSpec(newName, resolution, ch, chMult, numResBlocks, attnResolutions, zChannels, embedDim, nEmbed);
    }

    /** Weights (the convolutions, which dominate) and one 256 px forward pass's large activations. */
    @Override
    public Footprint footprint() {
        long params = 0, largest = 0, attention = 0;
        long in = ch;
        for (int i = 0; i < chMult.size(); i++) {
            long w = width(i), side = resolution >> i;
            long attnBlocks = hasAttention(i) ? 2L * numResBlocks + 1 : 0;
            params += 9 * in * w + (4L * numResBlocks + 1) * 9 * w * w + attnBlocks * 4 * w * w;
            params += i < chMult.size() - 1 ? 18 * w * w : 0;          // downsample and upsample convolutions
            largest = Math.max(largest, w * side * side);
            attention = Math.max(attention, hasAttention(i) ? side * side * side * side : 0);
            in = w;
        }
        long g = gridSize();
        params += 2 * (36 + 4) * in * in + 18 * in * zChannels + 2L * zChannels * embedDim + (long) nEmbed * embedDim;
        long activations = 4 * (4 * largest + 2 * Math.max(attention, g * g * g * g));
        return new Footprint(params, activations, activations > 4 * params ? "resolution" : "ch");
    }
}
