package io.vqstudio.bridge.llamagpt;

import ai.djl.ndarray.NDManager;
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

    static LlamaGpt load(String file, NDManager m) throws Exception {
        StateDict sd = stateDict(file);
        return LlamaGpt.load(sd, spec(sd), m);
    }
}
