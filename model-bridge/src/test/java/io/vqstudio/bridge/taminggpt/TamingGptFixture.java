package io.vqstudio.bridge.taminggpt;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.taming.Npy;
import io.vqstudio.bridge.taming.TamingYaml;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TorchFile;
import java.nio.file.Path;

/** The reference fixture of reference/taming-cond-transformer (a tiny cond transformer saved and run by taming's own code). */
final class TamingGptFixture {

    static final String DIR = "taming-cond-transformer/";

    private TamingGptFixture() {}

    static Path checkpoint() {
        return Npy.resource(DIR + "checkpoints/last.ckpt");
    }

    static StateDict stateDict() throws Exception {
        return TorchFile.read(checkpoint()).stateDict();
    }

    /** The spec from the weights and the configs/model.yaml beside them. */
    static TamingGptSpec spec(StateDict sd) throws Exception {
        return TamingGptSpec.infer(sd, TamingYaml.findBeside(sd.file()), null).spec();
    }

    static TamingGpt load(NDManager m) throws Exception {
        StateDict sd = stateDict();
        return TamingGpt.load(sd, spec(sd), m);
    }
}
