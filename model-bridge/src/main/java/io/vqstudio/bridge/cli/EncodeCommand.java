package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.core.UserMessages;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.TokenGridFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code encode}: images to token grids. An image that cannot be read is named in a warning and
 * left out; the others are encoded, in the order given, and the exit code says some were skipped.
 */
@Command(name = "encode", mixinStandardHelpOptions = true,
        description = "Encode images into token grids, saved as JSON or .npy (int32, N x g x g) by the extension of --out. "
                + "An image that cannot be read is named in a warning and left out; the others keep their order.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every image was encoded", "1:nothing was encoded (the error says why)", "2:invalid command line",
                "3:some images could not be read and were left out (see the warnings); the rest were written"})
final class EncodeCommand implements Callable<Integer> {

    /** Exit code when some images were skipped and the others written. */
    static final int SOME_SKIPPED = 3;

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
        List<Path> skipped = new ArrayList<>();
        for (Path p : images) {
            try {
                loaded.add(ImageFiles.read(p));
            } catch (IOException e) {
                if (images.size() == 1) {
                    throw e; // one image: its error is the answer
                }
                System.err.println("warning: " + UserMessages.describe(e) + "; left out");
                skipped.add(p);
            }
        }
        if (loaded.isEmpty()) {
            throw new IllegalArgumentException("None of the " + images.size() + " images could be read; nothing was written.");
        }
        try (VqBridge bridge = engine.startBridge()) {
            JobRunner.await(bridge.openTokenizer(model.tokenizer()), true);
            List<TokenGrid> grids = JobRunner.await(bridge.encode(loaded), true);
            TokenGridFiles.write(out, grids);
            if (engine.json) {
                Format.jsonFields("out", out, "grids", grids.size(), "gridSize", grids.get(0).size(), "leftOut", skipped);
            } else {
                System.err.println("wrote " + grids.size() + " grid(s) of " + grids.get(0).size() + "x" + grids.get(0).size()
                        + " tokens to " + out + (skipped.isEmpty() ? "" : "; left out " + skipped.size() + ": " + skipped));
            }
            return skipped.isEmpty() ? 0 : SOME_SKIPPED;
        }
    }
}
