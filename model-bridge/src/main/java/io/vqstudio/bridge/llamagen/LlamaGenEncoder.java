package io.vqstudio.bridge.llamagen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.cnn.AttnBlock;
import io.vqstudio.bridge.cnn.CnnOps;
import io.vqstudio.bridge.cnn.Downsample;
import io.vqstudio.bridge.cnn.ResnetBlock;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.taming.VqModel;
import java.util.ArrayList;
import java.util.List;

/**
 * LlamaGen's VQ {@code Encoder} ({@code tokenizer/tokenizer_image/vq_model.py}): taming's encoder
 * under LlamaGen's names. A 3x3 {@code conv_in} to {@code ch}; per level i, {@code numResBlocks}
 * {@link ResnetBlock}s ({@code conv_blocks.i.res.j}) to {@code ch * encoderChMult[i]} channels, on
 * the last (lowest-resolution) level each followed by an {@link AttnBlock}
 * ({@code conv_blocks.i.attn.j}), and a {@link Downsample} ({@code conv_blocks.i.downsample}, the
 * asymmetric (0, 1, 0, 1) padding) after every level but the last; {@code mid.0} ResnetBlock,
 * {@code mid.1} AttnBlock, {@code mid.2} ResnetBlock; GroupNorm (32 groups, eps 1e-6), swish and a
 * 3x3 {@code conv_out} to {@code zChannels}. Input (B, 3, H, W) in [-1, 1]; output
 * (B, zChannels, H/f, W/f), unbounded.
 */
public final class LlamaGenEncoder extends Module implements VqModel.Stage {

    private final Conv2d convIn;
    private final List<List<ResnetBlock>> res = new ArrayList<>();   // [level][j]
    private final List<AttnBlock> lastAttn = new ArrayList<>();      // [j], on the last level only
    private final List<Downsample> downsamples = new ArrayList<>();
    private final ResnetBlock mid0;
    private final AttnBlock mid1;
    private final ResnetBlock mid2;
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public LlamaGenEncoder(NDManager m, LlamaGenVqSpec spec) {
        int last = spec.levels() - 1;
        this.convIn = child("conv_in", new Conv2d(m, 3, spec.ch(), 3, 1, 1, true));
        int in = spec.ch();
        for (int i = 0; i <= last; i++) {
            int out = spec.ch() * spec.encoderChMult().get(i);
            List<ResnetBlock> level = new ArrayList<>();
            for (int j = 0; j < spec.numResBlocks(); j++) {
                level.add(child("conv_blocks." + i + ".res." + j, new ResnetBlock(m, in, out)));
                if (i == last) {
                    lastAttn.add(child("conv_blocks." + i + ".attn." + j, new AttnBlock(m, out)));
                }
                in = out;
            }
            res.add(level);
            if (i < last) {
                downsamples.add(child("conv_blocks." + i + ".downsample", new Downsample(m, in)));
            }
        }
        this.mid0 = child("mid.0", new ResnetBlock(m, in, in));
        this.mid1 = child("mid.1", new AttnBlock(m, in));
        this.mid2 = child("mid.2", new ResnetBlock(m, in, in));
        this.normOut = child("norm_out", CnnOps.groupNorm(m, in));
        this.convOut = child("conv_out", new Conv2d(m, in, spec.zChannels(), 3, 1, 1, true));
    }

    /** (B, 3, H, W) -> (B, zChannels, H/f, W/f) */
    public NDArray forward(NDArray images) {
        NDArray h = convIn.forward(images);                             // (B, ch, H, W)
        int last = res.size() - 1;
        for (int i = 0; i <= last; i++) {
            List<ResnetBlock> level = res.get(i);
            for (int j = 0; j < level.size(); j++) {
                h = level.get(j).forward(h);                            // (B, ch * encoderChMult[i], H / 2^i, W / 2^i)
                if (i == last) {
                    h = lastAttn.get(j).forward(h);
                }
            }
            if (i < last) {
                h = downsamples.get(i).forward(h);                      // side / 2
            }
        }
        h = mid2.forward(mid1.forward(mid0.forward(h)));
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, zChannels, H/f, W/f)
    }
}
