package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.cnn.AttnBlock;
import io.vqstudio.bridge.cnn.CnnOps;
import io.vqstudio.bridge.cnn.ResnetBlock;
import io.vqstudio.bridge.cnn.Upsample;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Taming's {@code Decoder} ({@code taming/modules/diffusionmodules/model.py}) as its checkpoints
 * name it: a 3x3 {@code conv_in} from {@code zChannels} to the deepest width; {@code mid.block_1},
 * {@code mid.attn_1}, {@code mid.block_2}; then from the deepest level up to level 0,
 * {@code numResBlocks + 1} {@link ResnetBlock}s ({@code up.i.block.j}), each followed by an
 * {@link AttnBlock} ({@code up.i.attn.j}) on the levels with attention, and an {@link Upsample}
 * ({@code up.i.upsample}) after every level but level 0; GroupNorm, swish and a 3x3
 * {@code conv_out} to RGB. {@code up.i} is stored in level order (up.0 at full resolution) and run
 * from the last. Input (B, zChannels, g, g); output (B, 3, g*f, g*f), raw: about [-1, 1], not
 * clamped (taming clamps only when it writes images).
 */
public final class TamingDecoder extends Module implements VqModel.Stage {

    private final Conv2d convIn;
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn;
    private final ResnetBlock midBlock2;
    private final List<List<ResnetBlock>> blocks = new ArrayList<>(); // [level][j]
    private final List<List<AttnBlock>> attns = new ArrayList<>();    // [level][j]
    private final List<Upsample> upsamples = new ArrayList<>();       // index i - 1 = level i's
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public TamingDecoder(NDManager m, TamingVqganSpec spec) {
        int levels = spec.chMult().size();
        int deepest = spec.width(levels - 1);
        this.convIn = child("conv_in", new Conv2d(m, spec.zChannels(), deepest, 3, 1, 1, true));
        this.midBlock1 = child("mid.block_1", new ResnetBlock(m, deepest, deepest));
        this.midAttn = child("mid.attn_1", new AttnBlock(m, deepest));
        this.midBlock2 = child("mid.block_2", new ResnetBlock(m, deepest, deepest));
        for (int i = 0; i < levels; i++) {
            int in = i == levels - 1 ? deepest : spec.width(i + 1); // the first block takes the deeper level's width
            int out = spec.width(i);
            List<ResnetBlock> level = new ArrayList<>();
            List<AttnBlock> attn = new ArrayList<>();
            for (int j = 0; j <= spec.numResBlocks(); j++) {
                level.add(child("up." + i + ".block." + j, new ResnetBlock(m, in, out)));
                if (spec.hasAttention(i)) {
                    attn.add(child("up." + i + ".attn." + j, new AttnBlock(m, out)));
                }
                in = out;
            }
            blocks.add(level);
            attns.add(attn);
            if (i != 0) {
                upsamples.add(child("up." + i + ".upsample", new Upsample(m, out)));
            }
        }
        this.normOut = child("norm_out", CnnOps.groupNorm(m, spec.width(0)));
        this.convOut = child("conv_out", new Conv2d(m, spec.width(0), 3, 3, 1, 1, true));
    }

    /** (B, zChannels, g, g) -> (B, 3, g*f, g*f) */
    public NDArray forward(NDArray z) {
        NDArray h = convIn.forward(z);                                  // (B, deepest, g, g)
        h = midBlock2.forward(midAttn.forward(midBlock1.forward(h)));
        for (int i = blocks.size() - 1; i >= 0; i--) {
            List<ResnetBlock> level = blocks.get(i);
            for (int j = 0; j < level.size(); j++) {
                h = level.get(j).forward(h);                            // (B, ch * chMult[i], g * 2^(last-i), ...)
                if (!attns.get(i).isEmpty()) {
                    h = attns.get(i).get(j).forward(h);
                }
            }
            if (i != 0) {
                h = upsamples.get(i - 1).forward(h);                    // side x 2
            }
        }
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, 3, g*f, g*f)
    }
}
