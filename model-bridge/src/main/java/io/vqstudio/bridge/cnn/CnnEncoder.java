package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Taming Transformers' convolutional encoder (Esser et al. 2021; {@code Encoder} in
 * {@code taming/modules/diffusionmodules/model.py}): a 3x3 {@code conv_in} to
 * {@code baseChannels}; per level i, {@code numResBlocks} {@link ResnetBlock}s to
 * {@code baseChannels * channelMult[i]} channels and a {@link Downsample} after every level but
 * the last; a middle ResnetBlock, {@link AttnBlock}, ResnetBlock; GroupNorm, swish and a 3x3
 * {@code conv_out} to {@code zChannels}. Input (B, 3, H, W) in [-1, 1]; output
 * (B, zChannels, H/f, W/f), unbounded, f = {@link CnnSpec#factor()}.
 *
 * <p>Deviations: taming's configs also put an AttnBlock after each residual block of the levels
 * listed in {@code attn_resolutions} (for its f = 16 model, the lowest one); here attention is
 * only in the middle, the one place every taming model has it. With {@code attention} off the
 * middle is two residual blocks, as a VQ-VAE (van den Oord et al. 2017) has no attention.
 * {@code double_z} (a VAE's mean and variance) is off, as in every VQGAN config.
 * Parameter names follow taming's state_dict: {@code conv_in}, {@code down.0.block.0.norm1},
 * {@code down.0.downsample.conv}, {@code mid.block_1}, {@code mid.attn_1}, {@code norm_out}.
 */
public final class CnnEncoder extends Module {

    private final Conv2d convIn;
    private final List<List<ResnetBlock>> levels = new ArrayList<>();
    private final List<Downsample> downsamples = new ArrayList<>();
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn; // null without attention
    private final ResnetBlock midBlock2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public CnnEncoder(NDManager m, CnnSpec spec, boolean attention) {
        int ch = spec.baseChannels();
        List<Integer> mult = spec.channelMult();
        this.convIn = child("conv_in", new Conv2d(m, 3, ch, 3, 1, 1, true));
        int blockIn = ch;
        for (int i = 0; i < mult.size(); i++) {
            int blockOut = ch * mult.get(i);
            List<ResnetBlock> blocks = new ArrayList<>();
            for (int j = 0; j < spec.numResBlocks(); j++) {
                blocks.add(child("down." + i + ".block." + j, new ResnetBlock(m, blockIn, blockOut)));
                blockIn = blockOut;
            }
            levels.add(blocks);
            if (i != mult.size() - 1) {
                downsamples.add(child("down." + i + ".downsample", new Downsample(m, blockIn)));
            }
        }
        this.midBlock1 = child("mid.block_1", new ResnetBlock(m, blockIn, blockIn));
        this.midAttn = attention ? child("mid.attn_1", new AttnBlock(m, blockIn)) : null;
        this.midBlock2 = child("mid.block_2", new ResnetBlock(m, blockIn, blockIn));
        this.normOut = child("norm_out", CnnOps.groupNorm(m, blockIn));
        this.convOut = child("conv_out", new Conv2d(m, blockIn, spec.zChannels(), 3, 1, 1, true));
    }

    /** (B, 3, H, W) -> (B, zChannels, H/f, W/f) */
    public NDArray forward(NDArray images) {
        NDArray h = convIn.forward(images);                             // (B, ch, H, W)
        for (int i = 0; i < levels.size(); i++) {
            for (ResnetBlock block : levels.get(i)) {
                h = block.forward(h);                                   // (B, ch * mult[i], H / 2^i, W / 2^i)
            }
            if (i < downsamples.size()) {
                h = downsamples.get(i).forward(h);
            }
        }
        h = midBlock1.forward(h);
        if (midAttn != null) {
            h = midAttn.forward(h);
        }
        h = midBlock2.forward(h);
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, zChannels, H/f, W/f)
    }
}
