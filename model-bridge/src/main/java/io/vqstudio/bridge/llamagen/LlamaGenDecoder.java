package io.vqstudio.bridge.llamagen;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.cnn.AttnBlock;
import io.vqstudio.bridge.cnn.CnnOps;
import io.vqstudio.bridge.cnn.ResnetBlock;
import io.vqstudio.bridge.cnn.Upsample;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.taming.VqModel;
import java.util.ArrayList;
import java.util.List;

/**
 * LlamaGen's VQ {@code Decoder} ({@code tokenizer/tokenizer_image/vq_model.py}): a 3x3
 * {@code conv_in} from {@code zChannels} to the deepest width; {@code mid.0} ResnetBlock,
 * {@code mid.1} AttnBlock, {@code mid.2} ResnetBlock; then the groups {@code conv_blocks.j} in the
 * order they are stored and run, j = 0 being the deepest level (level i = levels - 1 - j, unlike
 * taming's {@code up.i}): {@code numResBlocks + 1} {@link ResnetBlock}s ({@code conv_blocks.j.res.k})
 * to {@code ch * decoderChMult[i]} channels, in group 0 each followed by an {@link AttnBlock}
 * ({@code conv_blocks.0.attn.k}), and a nearest-neighbour {@link Upsample}
 * ({@code conv_blocks.j.upsample}) after every group but the last; GroupNorm, swish and a 3x3
 * {@code conv_out} to RGB. Input (B, zChannels, g, g); output (B, 3, g*f, g*f), raw (about
 * [-1, 1], not clamped).
 */
public final class LlamaGenDecoder extends Module implements VqModel.Stage {

    private final Conv2d convIn;
    private final ResnetBlock mid0;
    private final AttnBlock mid1;
    private final ResnetBlock mid2;
    private final List<List<ResnetBlock>> res = new ArrayList<>();   // [group j][k], run order
    private final List<AttnBlock> firstAttn = new ArrayList<>();     // [k], group 0 only
    private final List<Upsample> upsamples = new ArrayList<>();      // [j], every group but the last
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public LlamaGenDecoder(NDManager m, LlamaGenVqSpec spec) {
        int levels = spec.levels();
        int in = spec.ch() * spec.decoderChMult().get(levels - 1);
        this.convIn = child("conv_in", new Conv2d(m, spec.zChannels(), in, 3, 1, 1, true));
        this.mid0 = child("mid.0", new ResnetBlock(m, in, in));
        this.mid1 = child("mid.1", new AttnBlock(m, in));
        this.mid2 = child("mid.2", new ResnetBlock(m, in, in));
        for (int j = 0; j < levels; j++) {
            int out = spec.ch() * spec.decoderChMult().get(levels - 1 - j);
            List<ResnetBlock> group = new ArrayList<>();
            for (int k = 0; k <= spec.numResBlocks(); k++) {
                group.add(child("conv_blocks." + j + ".res." + k, new ResnetBlock(m, in, out)));
                if (j == 0) {
                    firstAttn.add(child("conv_blocks." + j + ".attn." + k, new AttnBlock(m, out)));
                }
                in = out;
            }
            res.add(group);
            if (j < levels - 1) {
                upsamples.add(child("conv_blocks." + j + ".upsample", new Upsample(m, out)));
            }
        }
        this.normOut = child("norm_out", CnnOps.groupNorm(m, in));
        this.convOut = child("conv_out", new Conv2d(m, in, 3, 3, 1, 1, true));
    }

    /** (B, zChannels, g, g) -> (B, 3, g*f, g*f) */
    public NDArray forward(NDArray z) {
        NDArray h = convIn.forward(z);                                  // (B, ch * decoderChMult[last], g, g)
        h = mid2.forward(mid1.forward(mid0.forward(h)));
        for (int j = 0; j < res.size(); j++) {
            List<ResnetBlock> group = res.get(j);
            for (int k = 0; k < group.size(); k++) {
                h = group.get(k).forward(h);                            // (B, ch * decoderChMult[last - j], g * 2^j, ...)
                if (j == 0) {
                    h = firstAttn.get(k).forward(h);
                }
            }
            if (j < upsamples.size()) {
                h = upsamples.get(j).forward(h);                        // side x 2
            }
        }
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, 3, g*f, g*f)
    }
}
