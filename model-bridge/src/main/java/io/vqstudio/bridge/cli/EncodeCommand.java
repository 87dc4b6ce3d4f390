package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.RgbImage;
import io.vqstudio.bridge.api.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.TokenGridFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code encode}: images to token grids. */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode images into token grids, saved as JSON or .npy (int32, N x g x g) by the extension of --out.")
final class EncodeCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "Images (centre-cropped and resized to the model's resolution).")
    List<Path> images;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output .json or .npy.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        List<RgbImage> loaded = new ArrayList<>();
        for (Path p : images) {
            loaded.add(ImageFiles.read(p));
        }
        try (VqBridge bridge = engine.startBridge()) {
            JobRunner.await(bridge.openTokenizer(model.tokenizer()), true);
            List<TokenGrid> grids = JobRunner.await(bridge.encode(loaded), true);
            TokenGridFiles.write(out, grids);
            if (engine.json) {
                Format.jsonFields("out", out, "grids", grids.size(), "gridSize", grids.get(0).size());
            } else {
                System.err.println("wrote " + grids.size() + " grid(s) of " + grids.get(0).size() + "x" + grids.get(0).size()
                        + " tokens to " + out);
            }
            return 0;
        }
    }
}
