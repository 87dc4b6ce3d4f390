package io.vqstudio.bridge.api;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.data.DecodedImage;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.io.DefaultModels;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.metrics.ImageMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The files and pictures a face handles for its user, with the engine's own checks: images read
 * with the pixel budget (large photos subsampled, decompression bombs refused), the one
 * crop-and-resize the api encodes, PNG and token-grid files written, and
 * the picture measures shown beside a reconstruction. The faces call these instead of the data
 * and file packages, so the engine's layering stays behind the facade.
 */
public final class UserFiles {

    private UserFiles() {}

    /**
     * An image file's pixels and the size its file declares.
     *
     * @param subsampling the read step, 1 when every pixel was read (large photos are read subsampled)
     */
    public record Picture(RgbImage image, int fileWidth, int fileHeight, int subsampling) {}

    /** @throws IOException in one line naming the file when it is missing, too large or not an image */
    public static Picture readImage(Path file) throws IOException {
        DecodedImage d = ImageFiles.decode(file, 0);
        return new Picture(Preprocess.rgb(d.image()), d.fileWidth(), d.fileHeight(), d.subsampling());
    }

    /** The model's view of {@code image}: its centre square resized to {@code resolution}, as the api encodes it. */
    public static RgbImage square(RgbImage image, int resolution) {
        return Preprocess.square(image, resolution);
    }

    public static void writePng(RgbImage image, Path file) throws IOException {
        ImageFiles.writePng(image, file);
    }

    /** Token grids as JSON or {@code .npy}, by the file's extension. */
    public static void writeGrids(Path file, List<TokenGrid> grids) throws IOException {
        TokenGridFiles.write(file, grids);
    }

    /** The folder of the embedded default models when one is found (property, working directory, beside the jar). */
    public static Optional<Path> defaultAssets() {
        return DefaultModels.assets();
    }

    /** The default checkpoints present under {@code assets}, tokenizer first. */
    public static List<Path> defaultModelsIn(Path assets) {
        return DefaultModels.in(assets);
    }

    /** The spec of the trainable tokenizer at a checkpoint or run (what a decoder fine-tune resumes from). */
    public static TrainableTokenizerSpec trainableTokenizerSpec(Path checkpoint) throws IOException {
        return TokenizerStore.trainableSpecOf(checkpoint);
    }

    /** Peak signal-to-noise ratio of {@code b} against {@code a}, in dB. */
    public static double psnr(RgbImage a, RgbImage b) {
        return ImageMetrics.psnr(a, b);
    }

    /** Structural similarity of {@code b} against {@code a} (1 = identical). */
    public static double ssim(RgbImage a, RgbImage b) {
        return ImageMetrics.ssim(a, b);
    }
}
