package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.Candidate;
import io.vqstudio.bridge.api.PriorInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code resample}: new contents for a rectangle of token cells. */
@Command(name = "resample", mixinStandardHelpOptions = true,
        description = "Resample a rectangle of token cells of an image with a prior: N candidates, ranked by their "
                + "likelihood under the prior (AR: the whole grid's; MaskGIT: the region's cells, each given all the rest). "
                + "MaskGIT uses all the context; the AR prior resamples in raster order (approximate for regions; exact "
                + "for a suffix). Cells outside the region never change.")
final class ResampleCommand implements Callable<Integer> {

    @Mixin
    PriorOptions models;

    @Option(names = "--image", required = true, paramLabel = "IMG", description = "The image.")
    Path image;

    @Option(names = "--region", converter = Checks.NonNegativeInt.class, split = ",", paramLabel = "X0,Y0,X1,Y1",
            description = "Token cells, inclusive: columns X0..X1, rows Y0..Y1.")
    int[] region;

    @Option(names = "--suffix-from", converter = Checks.NonNegativeInt.class, paramLabel = "CELL",
            description = "Instead of a region: every cell from this raster position to the end (exact for the AR prior).")
    Integer suffixFrom;

    @Option(names = "--n", converter = Checks.Samples.class, paramLabel = "N", defaultValue = "4",
            description = "Candidates, 1 to " + Checks.MAX_SAMPLES + ". Default: ${DEFAULT-VALUE}")
    int n;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Spec
    CommandSpec command;

    @Option(names = "--class", converter = Checks.NonNegativeInt.class, paramLabel = "ID",
            description = "Class id the region is resampled and ranked for (default: unconditional; a prior without a"
                    + " \"no class\" token, such as taming's, needs one).")
    Integer classId;

    @Override
    public Integer call() throws Exception {
        if ((region == null) == (suffixFrom == null)) {
            throw Checks.usage(command, "give either --region X0,Y0,X1,Y1 or --suffix-from CELL");
        }
        if (region != null && (region.length != 4 || region[0] > region[2] || region[1] > region[3])) {
            throw Checks.usage(command, "Invalid value for option '--region': " + regionText()
                    + " is not X0,Y0,X1,Y1 with X0 <= X1 and Y0 <= Y1");
        }
        RgbImage input = ImageFiles.read(image);
        try (VqBridge bridge = engine.startBridge()) {
            PriorInfo prior = models.open(bridge);
            TokenGrid grid = JobRunner.await(bridge.encode(List.of(input)), true).get(0);
            boolean[] mask = mask(grid.size());
            List<Candidate> cands = JobRunner.await(bridge.resample(PriorOptions.kindOf(prior), grid, mask, classId == null ? -1 : classId, n,
                    models.sampling()), engine.json);
            List<RgbImage> images = JobRunner.await(bridge.decode(cands.stream().map(Candidate::grid).toList()), true);
            Files.createDirectories(out);
            List<Map<String, Object>> written = new java.util.ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                Path f = out.resolve(String.format("candidate-%02d.png", i));
                ImageFiles.writePng(images.get(i), f);
                written.add(Map.of("image", f, "logLikelihood", cands.get(i).logLikelihood()));
                if (!engine.json) {
                    System.out.printf("%s  log-likelihood %.1f nats%n", f, cands.get(i).logLikelihood());
                }
            }
            if (engine.json) {
                Format.jsonFields("out", out, "candidates", written);
            }
            return 0;
        }
    }

    private String regionText() {
        return java.util.Arrays.stream(region).mapToObj(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private boolean[] mask(int g) {
        boolean[] mask = new boolean[g * g];
        if (suffixFrom != null) {
            if (suffixFrom < 0 || suffixFrom >= g * g) {
                throw new IllegalArgumentException("--suffix-from " + suffixFrom + " is outside the " + g + "x" + g
                        + " token grid: cells run 0.." + (g * g - 1));
            }
            java.util.Arrays.fill(mask, suffixFrom, g * g, true);
            return mask;
        }
        if (region[2] >= g || region[3] >= g) {
            throw new IllegalArgumentException("--region " + regionText() + " reaches outside the " + g + "x" + g
                    + " token grid: columns and rows run 0.." + (g - 1));
        }
        for (int y = region[1]; y <= region[3]; y++) {
            for (int x = region[0]; x <= region[2]; x++) {
                mask[y * g + x] = true;
            }
        }
        return mask;
    }
}
