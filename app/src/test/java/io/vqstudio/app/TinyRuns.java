package io.vqstudio.app;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import io.vqstudio.bridge.train.OptimSpec;
import io.vqstudio.bridge.train.TokenizerTrainSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** The few images and the tiny tokenizer run the app's tests train on. */
public final class TinyRuns {

    private TinyRuns() {}

    /** Four flat-coloured 16x16 PNGs in {@code dir/images} (written again if there); that folder. */
    public static Path images(Path dir) throws IOException {
        Path data = dir.resolve("images");
        Files.createDirectories(data);
        for (int i = 0; i < 4; i++) {
            int[] px = new int[16 * 16];
            Arrays.fill(px, 0x102030 * (i + 1));
            ImageFiles.writePng(new RgbImage(16, 16, px), data.resolve("im" + i + ".png"));
        }
        return data;
    }

    /** vit-tiny on {@code data} for {@code steps} steps, batch 4, no adversary or validation, as the CLI would start it. */
    public static TokenizerTrainSpec vitTiny(Path data, long steps) {
        TrainableTokenizerSpec tiny = Families.tokenizerPreset("vit-tiny");
        return TokenizerTrainSpec.defaults(tiny.withLoss(tiny.loss().withAdversarial(0)), data.toString())
                .withValidation(0, false, 0).withBatchSize(4).withSteps(steps)
                .withOptim(OptimSpec.defaults().withLr(3e-3f, 1e-3f)).withIntervals(1, 100, 1, 100, 0);
    }
}
