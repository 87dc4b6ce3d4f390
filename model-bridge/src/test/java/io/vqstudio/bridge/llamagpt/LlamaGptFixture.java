package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.core.SamplingSpec;
import io.vqstudio.bridge.prior.Prior;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Files;

/** The reference fixture of reference/llamagen-gpt (a tiny c2i GPT saved and run by LlamaGen's own code). */
final class LlamaGptFixture {

    private LlamaGptFixture() {}

    /** The manifest's {@code config.model_args}. */
    static JsonObject modelArgs() throws Exception {
        String json = Files.readString(Npy.resource("llamagen-gpt/manifest.json"));
        return JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("config").getAsJsonObject("model_args");
    }

    static StateDict stateDict(String file) throws Exception {
        return TorchFile.read(Npy.resource("llamagen-gpt/" + file)).stateDict();
    }

    /** The file's spec with the grid (sqrt(block_size)) and n_head the manifest gives: the weights cannot show them. */
    static LlamaGptSpec spec(StateDict sd) throws Exception {
        JsonObject args = modelArgs();
        int grid = (int) Math.round(Math.sqrt(args.get("block_size").getAsInt()));
        return LlamaGptSpec.infer(sd, grid, args.get("n_head").getAsInt()).spec();
    }

    /**
     * Teacher-forced guided logits on a doubled batch (classes, then the null class), as LlamaGen's
     * generate() combines them: uncond + (cond - uncond) * scale.
     *
     * @return (B, 1 + T, vocab)
     */
    static NDArray guidedLogits(LlamaGpt model, NDArray classIds, NDArray tokens, float scale) {
        long b = classIds.getShape().get(0);
        NDArray nulls = classIds.zerosLike().add(model.spec().nullClass());               // (B)
        NDArray both = model.causalLogits(classIds.concat(nulls), tokens.concat(tokens)); // (2B, 1 + T, vocab)
        NDArray cond = both.get("0:{}", b), uncond = both.get("{}:", b);
        return uncond.add(cond.sub(uncond).mul(scale));
    }

    /** Greedy (top-k 1) samples through our sampler, one class per row. */
    static int[][] greedy(LlamaGpt gpt, long[] classes, float cfg, NDManager m) {
        int[] empty = new int[gpt.spec().blockSize()];
        java.util.Arrays.fill(empty, -1);
        int[][] out = new int[classes.length][];
        for (int i = 0; i < classes.length; i++) {
            out[i] = gpt.asPrior().generate(m, empty, (int) classes[i], 1,
                    SamplingSpec.defaults().withTopK(1).withCfgScale(cfg), Prior.PartialListener.NONE).grids()[0];
        }
        return out;
    }

    static LlamaGpt load(String file, NDManager m) throws Exception {
        StateDict sd = stateDict(file);
        return LlamaGpt.load(sd, spec(sd), m);
    }
}
