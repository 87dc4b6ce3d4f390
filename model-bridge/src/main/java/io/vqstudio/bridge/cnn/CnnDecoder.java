package io.vqstudio.bridge.cnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Conv2d;
import io.vqstudio.bridge.nn.GroupNorm;
import io.vqstudio.bridge.nn.Module;
import java.util.ArrayList;
import java.util.List;

/**
 * Taming Transformers' convolutional decoder ({@code Decoder} in
 * {@code taming/modules/diffusionmodules/model.py}), the encoder's mirror: a 3x3 {@code conv_in}
 * from {@code zChannels} to the deepest width; middle ResnetBlock, {@link AttnBlock},
 * ResnetBlock; then from the deepest level i up to level 0, {@code numResBlocks + 1}
 * {@link ResnetBlock}s to {@code baseChannels * channelMult[i]} channels and an {@link Upsample}
 * after every level but level 0; GroupNorm, swish and a 3x3 {@code conv_out}.
 * Input (B, zChannels, g, g); output (B, outChannels, g*f, g*f) of raw values (6 here: see
 * {@code PixelHead}).
 *
 * <p>As in taming, {@code up.i} is the level at resolution H / 2^i, so {@code up.0} runs last.
 * Deviations, as in {@link CnnEncoder}: attention only in the middle, and none at all with
 * {@code attention} off (VQ-VAE).
 */
public final class CnnDecoder extends Module {

    private final Conv2d convIn;
    private final ResnetBlock midBlock1;
    private final AttnBlock midAttn; // null without attention
    private final ResnetBlock midBlock2;
    private final List<List<ResnetBlock>> levels = new ArrayList<>(); // index i = level i
    private final List<Upsample> upsamples = new ArrayList<>();       // index i = level i + 1's
    private final GroupNorm normOut;
    private final Conv2d convOut;

    public CnnDecoder(NDManager m, CnnSpec spec, boolean attention, int outChannels) {
        int ch = spec.baseChannels();
        List<Integer> mult = spec.channelMult();
        int deepest = ch * mult.get(mult.size() - 1);
        this.convIn = child("conv_in", new Conv2d(m, spec.zChannels(), deepest, 3, 1, 1, true));
        this.midBlock1 = child("mid.block_1", new ResnetBlock(m, deepest, deepest));
        this.midAttn = attention ? child("mid.attn_1", new AttnBlock(m, deepest)) : null;
        this.midBlock2 = child("mid.block_2", new ResnetBlock(m, deepest, deepest));
        // Registered from level 0 up, so parameters() lists them in taming's state_dict order;
        // level i's first block takes the width of the level below it (the deeper one).
        for (int i = 0; i < mult.size(); i++) {
            int blockIn = i == mult.size() - 1 ? deepest : ch * mult.get(i + 1);
            int blockOut = ch * mult.get(i);
            List<ResnetBlock> blocks = new ArrayList<>();
            for (int j = 0; j <= spec.numResBlocks(); j++) {
                blocks.add(child("up." + i + ".block." + j, new ResnetBlock(m, blockIn, blockOut)));
                blockIn = blockOut;
            }
            levels.add(blocks);
            if (i != 0) {
                upsamples.add(child("up." + i + ".upsample", new Upsample(m, blockOut)));
            }
        }
        this.normOut = child("norm_out", CnnOps.groupNorm(m, ch * mult.get(0)));
        this.convOut = child("conv_out", new Conv2d(m, ch * mult.get(0), outChannels, 3, 1, 1, true));
    }

    /** (B, zChannels, g, g) -> (B, outChannels, g*f, g*f) */
    public NDArray forward(NDArray z) {
        NDArray h = convIn.forward(z);                                  // (B, ch * mult[last], g, g)
        h = midBlock1.forward(h);
        if (midAttn != null) {
            h = midAttn.forward(h);
        }
        h = midBlock2.forward(h);
        for (int i = levels.size() - 1; i >= 0; i--) {
            for (ResnetBlock block : levels.get(i)) {
                h = block.forward(h);                                   // (B, ch * mult[i], g * 2^(last-i), ...)
            }
            if (i != 0) {
                h = upsamples.get(i - 1).forward(h);
            }
        }
        return convOut.forward(CnnOps.swish(normOut.forward(h)));       // (B, outChannels, g*f, g*f)
    }

    /** {@code conv_out}'s weight (outChannels, ch, 3, 3): taming's "GL" for the adaptive GAN weight. */
    public NDArray lastLayerWeight() {
        return convOut.weight();
    }
}
