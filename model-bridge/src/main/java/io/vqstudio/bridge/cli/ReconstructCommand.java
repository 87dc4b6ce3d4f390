package io.vqstudio.bridge.cli;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.metrics.ImageMetrics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reconstruct}: encode and decode one image; prints PSNR and SSIM. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = "Encode an image to tokens and decode it back; writes the reconstruction and prints PSNR and SSIM.")
final class ReconstructCommand implements Callable<Integer> {

    @Mixin
    ModelOption model;

    @Parameters(paramLabel = "IMAGE", description = "The image.")
    Path image;

    @Option(names = "--out", required = true, paramLabel = "PNG", description = "Output image.")
    Path out;

    @Mixin
    EngineOptions engine;

    @Override
    public Integer call() throws Exception {
        RgbImage input = ImageFiles.read(image);
        try (VqBridge bridge = engine.startBridge()) {
            int res = JobRunner.await(bridge.openTokenizer(model.tokenizer()), true).resolution();
            RgbImage square = Preprocess.square(input, res); // what the model sees, compared with what it gives back
            var grids = JobRunner.await(bridge.encode(List.of(square)), true);
            RgbImage rec = JobRunner.await(bridge.decode(grids), true).get(0);
            ImageFiles.writePng(rec, out);
            double psnr = ImageMetrics.psnr(square, rec);
            double ssim = ImageMetrics.ssim(square, rec);
            if (engine.json) {
                Format.jsonFields("out", out, "psnr", psnr, "ssim", ssim);
            } else {
                System.out.printf("wrote %s  PSNR %.2f dB  SSIM %.4f%n", out, psnr, ssim);
            }
            return 0;
        }
    }
}
