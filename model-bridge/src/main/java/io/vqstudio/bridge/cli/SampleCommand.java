package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.api.RgbImage;
import io.vqstudio.bridge.api.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.TokenGridFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code sample}: class-conditional (or unconditional) images from a prior. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Sample images from a prior, by class id or name (unconditional without either); writes PNGs and tokens.json.")
final class SampleCommand implements Callable<Integer> {

    @Mixin
    PriorOptions models;

    @Option(names = "--class", paramLabel = "ID", description = "Class id.")
    Integer classId;

    @Option(names = "--class-name", paramLabel = "NAME", description = "Class name or id text (case-insensitive substring).")
    String className;

    @Option(names = "--n", defaultValue = "4", description = "Number of samples. Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            ModelInfo prior = models.open(bridge);
            int cls = resolveClass(prior.classNames());
            List<TokenGrid> grids = JobRunner.await(bridge.sample(PriorOptions.kindOf(prior), cls, n, models.sampling()),
                    engine.json);
            List<RgbImage> images = JobRunner.await(bridge.decode(grids), true);
            Files.createDirectories(out);
            for (int i = 0; i < images.size(); i++) {
                ImageFiles.writePng(images.get(i), out.resolve(String.format("sample-%02d.png", i)));
            }
            TokenGridFiles.write(out.resolve("tokens.json"), grids);
            System.out.println("wrote " + images.size() + " samples" + (cls >= 0 ? " of class " + cls + " ("
                    + prior.classNames().get(cls) + ")" : " (unconditional)") + " to " + out);
            return 0;
        }
    }

    private int resolveClass(List<String> names) {
        if (classId != null) {
            if (classId < 0 || classId >= names.size()) {
                throw new IllegalArgumentException("class " + classId + " is outside 0.." + (names.size() - 1));
            }
            return classId;
        }
        if (className == null) {
            return -1;
        }
        String q = className.toLowerCase(Locale.ROOT);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).toLowerCase(Locale.ROOT).contains(q)) {
                return i;
            }
        }
        throw new IllegalArgumentException("No class name contains '" + className + "'");
    }
}
