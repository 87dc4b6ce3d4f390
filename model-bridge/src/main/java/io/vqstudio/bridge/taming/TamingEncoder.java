package io.vqstudio.bridge.taming;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.cnn.AttnBlock;
import io.vqstudio.bridge.cnn.CnnOps;
import io.vqstudio.bridge.cnn.Downsample;
import io.vqstudio.bridge.cnn.ResnetBlock;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Taming's {@code Encoder} ({@code taming/modules/diffusionmodules/model.py}) as its checkpoints
 * name it: a 3x3 {@code conv_in} to {@code ch}; per level i, {@code numResBlocks}
 * {@link ResnetBlock}s ({@code down.i.block.j}) to {@code ch * chMult[i]} channels, each followed
 * by an {@link AttnBlock} ({@code down.i.attn.j}) on the levels whose side is in
 * {@code attnResolutions}, and a {@link Downsample} ({@code down.i.downsample}) after every level but
 * the last; a middle ResnetBlock, AttnBlock, ResnetBlock ({@code mid.block_1}, {@code mid.attn_1},
 * {@code mid.block_2}); GroupNorm, swish and a 3x3 {@code conv_out} to {@code zChannels}.
 * Input (B, 3, H, W) in [-1, 1]; output (B, zChannels, H/f, W/f), unbounded.
 *
 * <p>Unlike the project's own {@code cnn.CnnEncoder} this keeps attention wherever the config puts
 * it, since an imported checkpoint has those weights. {@code double_z} is off, as in every VQGAN.
 */
public final class TamingEncoder extends Module implements VqModel.Stage {

    private final Conv2d convIn;
    private final List<List<ResnetBlock>> blocks = new ArrayList<>(); // [level][j]
    private final List<List<AttnBlock>> attns = new ArrayList<>();    // [level][j], empty without attention
    private final List<Downsample> downsamples = new ArrayList<>();
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn;
    private final ResnetBlock midBlock2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public TamingEncoder(NDManager m, TamingVqganSpec spec) {
        this.convIn = child("conv_in", new Conv2d(m, 3, spec.ch(), 3, 1, 1, true));
        int in = spec.ch();
        for (int i = 0; i < spec.chMult().size(); i++) {
            int out = spec.width(i);
            List<ResnetBlock> level = new ArrayList<>();
            List<AttnBlock> attn = new ArrayList<>();
            for (int j = 0; j < spec.numResBlocks(); j++) {
                level.add(child("down." + i + ".block." + j, new ResnetBlock(m, in, out)));
                if (spec.hasAttention(i)) {
                    attn.add(child("down." + i + ".attn." + j, new AttnBlock(m, out)));
                }
                in = out;
            }
            blocks.add(level);
            attns.add(attn);
            if (i < spec.chMult().size() - 1) {
                downsamples.add(child("down." + i + ".downsample", new Downsample(m, in)));
            }
        }
        this.midBlock1 = child("mid.block_1", new ResnetBlock(m, in, in));
        this.midAttn = child("mid.attn_1", new AttnBlock(m, in));
        this.midBlock2 = child("mid.block_2", new ResnetBlock(m, in, in));
        this.normOut = child("norm_out", CnnOps.groupNorm(m, in));
        this.convOut = child("conv_out", new Conv2d(m, in, spec.zChannels(), 3, 1, 1, true));
    }

    /** (B, 3, H, W) -> (B, zChannels, H/f, W/f) */
    public NDArray forward(NDArray images) {
        NDArray h = convIn.forward(images);                             // (B, ch, H, W)
        for (int i = 0; i < blocks.size(); i++) {
            List<ResnetBlock> level = blocks.get(i);
            for (int j = 0; j < level.size(); j++) {
                h = level.get(j).forward(h);                            // (B, ch * chMult[i], H / 2^i, W / 2^i)
                if (!attns.get(i).isEmpty()) {
                    h = attns.get(i).get(j).forward(h);
                }
            }
            if (i < downsamples.size()) {
                h = downsamples.get(i).forward(h);                      // (B, C, H / 2^(i+1), W / 2^(i+1))
            }
        }
        h = midBlock2.forward(midAttn.forward(midBlock1.forward(h)));
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, zChannels, H/f, W/f)
    }
}
