package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.TokenGridFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code decode}: token grids to images. */
@Command(name = "decode", mixinStandardHelpOptions = true,
        description = "Decode token grids (JSON or .npy) into PNG images; several grids give OUT-0.png, OUT-1.png, ...")
final class DecodeCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Option(names = "--tokens", required = true, paramLabel = "FILE", description = "Token grids from encode.")
    Path tokens;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output image.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            TokenizerInfo info = JobRunner.await(bridge.openTokenizer(model.tokenizer()), true);
            List<RgbImage> images = JobRunner.await(bridge.decode(TokenGridFiles.read(tokens, info.codebookSize())), true);
            List<Path> written = new java.util.ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                Path target = images.size() == 1 ? out
                        : out.resolveSibling(out.getFileName().toString().replaceFirst("(\\.png)?$", "-" + i + ".png"));
                ImageFiles.writePng(images.get(i), target);
                written.add(target);
                if (!engine.json) {
                    System.err.println("wrote " + target);
                }
            }
            if (engine.json) {
                Format.jsonFields("images", written);
            }
            return 0;
        }
    }
}
