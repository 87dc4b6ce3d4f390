package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import io.vqstudio.bridge.imports.WeightCopy;
import io.vqstudio.bridge.imports.Inferred;
import static io.vqstudio.bridge.io.SpecLimits.MAX_CONV_CHANNELS;

import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecLimits;
import io.vqstudio.bridge.torchsave.StateDict;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Reads a {@link TamingVqganSpec} off a taming VQGAN's weights: {@code ch} from
 * {@code encoder.conv_in.weight}, the levels and {@code ch_mult} from the widths of
 * {@code encoder.down.i.block.0.conv1.weight}, {@code num_res_blocks} from the blocks of level 0,
 * the attention levels from which {@code encoder.down.i.attn.*} weights exist, {@code z_channels},
 * {@code embed_dim} and {@code n_embed} from {@code encoder.conv_out}, {@code quant_conv} and
 * {@code quantize.embedding}. The config beside the checkpoint, when there is one, must agree
 * field by field and gives the resolution; without one the resolution is 256 px, the side taming's
 * published models were trained at (a CNN's weights do not fix it).
 */
final class TamingInference {

    static final String FAMILY = "taming VQGAN";
    /** The side assumed without a config: taming's ImageNet, OpenImages and FFHQ models' training side. */
    static final int DEFAULT_RESOLUTION = 256;

    private TamingInference() {}

    static Inferred<TamingVqganSpec> infer(StateDict sd, TamingYaml y) throws ImportException {
        String p = WeightCopy.prefix(sd, "encoder.conv_in.weight", FAMILY);
        WeightShapes s = new WeightShapes(sd, p, FAMILY);
        List<String> lines = new ArrayList<>();
        if (!p.isEmpty()) {
            long others = sd.tensors().keySet().stream().filter(k -> !k.startsWith(p)).count();
            lines.add("The VQGAN's weights sit under '" + p + "'; " + others + " other weights are not part of it and are left out.");
        }
        long[] convIn = s.shape("encoder.conv_in.weight", 4);                  // (ch, 3, 3, 3)
        if (convIn[1] != 3) {
            throw new ImportException(sd.file(), "takes " + convIn[1] + " input channels (encoder.conv_in.weight); only RGB models (3) are supported");
        }
        if (convIn[0] < 1 || convIn[0] > MAX_CONV_CHANNELS) {
            throw new ImportException(sd.file(), "has " + convIn[0] + " base channels (encoder.conv_in.weight); supported: 1.."
                    + MAX_CONV_CHANNELS);
        }
        int ch = (int) convIn[0];
        int levels = s.count("encoder.down.", ".block.0.conv1.weight");
        int numResBlocks = s.count("encoder.down.0.block.", ".conv1.weight");
        List<Integer> chMult = new ArrayList<>();
        List<Integer> attnLevels = new ArrayList<>();
        for (int i = 0; i < levels; i++) {
            int width = s.outChannels("encoder.down." + i + ".block.0.conv1.weight", MAX_CONV_CHANNELS);
            if (width % ch != 0) {
                throw new ImportException(sd.file(), "level " + i + " has " + width + " channels, not a multiple of ch = " + ch);
            }
            chMult.add(width / ch);
            if (s.has("encoder.down." + i + ".attn.0.q.weight")) {
                attnLevels.add(i);
            }
        }
        int zChannels = s.outChannels("encoder.conv_out.weight", MAX_CONV_CHANNELS);
        int embedDim = s.outChannels("quant_conv.weight", SpecLimits.MAX_WIDTH);
        if (!s.has("quantize.embedding.weight") && s.has("quantize.embed.weight")) {
            throw new ImportException(sd.file(), "is a Gumbel-softmax VQGAN (quantize.embed, quantize.proj), which is not supported");
        }
        long[] book = s.shape("quantize.embedding.weight", 2);                  // (n_embed, embed_dim)
        lines.add("ch = " + ch + " from encoder.conv_in.weight " + Arrays.toString(convIn) + "; ch_mult " + chMult + " ("
                + levels + " levels, f = " + (1 << (levels - 1)) + ") from the widths of encoder.down.i.block.0.conv1.weight; num_res_blocks = "
                + numResBlocks + " from the blocks of encoder.down.0.");
        lines.add("Attention after the residual blocks of level(s) " + attnLevels + " (the encoder.down.i.attn weights present) and in the middle.");
        lines.add("z_channels = " + zChannels + " (encoder.conv_out.weight), embed_dim = " + embedDim + " (quant_conv.weight), "
                + book[0] + " codes of " + book[1] + " (quantize.embedding.weight); nearest code by plain squared Euclidean distance"
                + " over the raw codebook, as taming's VectorQuantizer2.");
        int resolution = y == null ? DEFAULT_RESOLUTION : y.resolution();
        List<Integer> attn = new ArrayList<>();
        attnLevels.forEach(level -> attn.add(resolution >> level));
        TamingVqganSpec spec;
        try {
            spec = new TamingVqganSpec(Inferred.nameOf(sd.file()), resolution, ch, chMult, numResBlocks,
                    y == null ? attn : y.attnResolutions(), zChannels, embedDim, (int) Math.min(book[0], Integer.MAX_VALUE));
        } catch (SpecException e) {
            throw new ImportException(y == null ? sd.file() : y.file(), "gives a model outside the supported bounds: " + e.getMessage());
        }
        if (y == null) {
            lines.add("No model.yaml beside the checkpoint: resolution " + resolution + " px is assumed (taming's published models were"
                    + " trained at 256 px; a CNN's weights do not depend on the image side, which only sets the size images are"
                    + " resized to), so attn_resolutions = " + attn + ".");
        } else {
            agree(y, sd.file(), "ch", y.ch(), ch);
            agree(y, sd.file(), "ch_mult", y.chMult(), chMult);
            agree(y, sd.file(), "num_res_blocks", y.numResBlocks(), numResBlocks);
            agree(y, sd.file(), "z_channels", y.zChannels(), zChannels);
            agree(y, sd.file(), "embed_dim", y.embedDim(), embedDim);
            agree(y, sd.file(), "n_embed", (long) y.nEmbed(), book[0]);
            if (!spec.attnLevels().equals(attnLevels)) {
                throw new ImportException(y.file(), "puts attention on level(s) " + spec.attnLevels() + " (attn_resolutions "
                        + y.attnResolutions() + " at resolution " + resolution + ") but " + sd.file().getFileName()
                        + " has attention weights on level(s) " + attnLevels);
            }
            lines.add(y.file().getFileName() + " (" + y.target() + ") agrees with the weights on every field; resolution "
                    + resolution + " px and attn_resolutions " + y.attnResolutions() + " from it.");
        }
        return new Inferred<>(spec, lines);
    }

    private static void agree(TamingYaml y, Path ckpt, String field, Object said, Object found) throws ImportException {
        if (!Objects.equals(said, found)) {
            throw new ImportException(y.file(), "says " + field + " = " + said + " but the weights of " + ckpt.getFileName()
                    + " have " + found);
        }
    }
}
