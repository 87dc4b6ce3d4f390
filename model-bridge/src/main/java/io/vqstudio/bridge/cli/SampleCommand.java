package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.TokenGridFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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

    @Option(names = "--class", converter = Checks.NonNegativeInt.class, paramLabel = "ID", description = "Class id.")
    Integer classId;

    @Option(names = "--class-name", paramLabel = "NAME", description = "Class name or id text (case-insensitive substring).")
    String className;

    @Option(names = "--n", converter = Checks.Samples.class, paramLabel = "N", defaultValue = "4",
            description = "Number of samples (per class with --every-class), 1 to " + Checks.MAX_SAMPLES + ". Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--every-class", description = "Sample every class in turn; the grid has one row per class.")
    boolean everyClass;

    @Option(names = "--grid", paramLabel = "PNG", description = "Also write all samples as one picture (one row per class).")
    Path grid;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        try (VqBridge bridge = engine.startBridge()) {
            PriorInfo prior = models.open(bridge);
            List<Integer> classes = everyClass ? allClasses(prior.classNames().size()) : List.of(resolveClass(prior.classNames()));
            List<TokenGrid> grids = new ArrayList<>();
            List<RgbImage> images = new ArrayList<>();
            List<Path> written = new ArrayList<>();
            Files.createDirectories(out);
            for (int cls : classes) {
                List<TokenGrid> g = JobRunner.await(bridge.sample(PriorOptions.kindOf(prior), cls, n, models.sampling()),
                        engine.json);
                List<RgbImage> im = JobRunner.await(bridge.decode(g), true);
                for (int i = 0; i < im.size(); i++) {
                    String name = everyClass ? String.format("class-%03d-sample-%02d.png", cls, i) : String.format("sample-%02d.png", i);
                    ImageFiles.writePng(im.get(i), out.resolve(name));
                    written.add(out.resolve(name));
                }
                grids.addAll(g);
                images.addAll(im);
                if (!engine.json) {
                    System.out.println("wrote " + im.size() + " samples" + (cls >= 0 ? " of class " + cls + " ("
                            + prior.classNames().get(cls) + ")" : " (unconditional)") + " to " + out);
                }
            }
            TokenGridFiles.write(out.resolve("tokens.json"), grids);
            if (grid != null) {
                ImageFiles.writePng(ImageFiles.tile(images, n, 2), grid);
                if (!engine.json) {
                    System.out.println("wrote " + grid);
                }
            }
            if (engine.json) {
                Format.jsonFields("out", out, "classes", classes.stream().map(c -> c >= 0 ? c : null).toList(),
                        "images", written, "tokens", out.resolve("tokens.json"), "grid", grid);
            }
            return 0;
        }
    }

    private List<Integer> allClasses(int count) {
        if (count == 0) {
            throw new IllegalArgumentException("--every-class needs a class-conditional prior; this one has no classes");
        }
        return java.util.stream.IntStream.range(0, count).boxed().toList();
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
