package io.vqstudio.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.vqstudio.bridge.TestBridge;
import io.vqstudio.bridge.api.TokenizerInfo;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.data.Preprocess;
import io.vqstudio.bridge.io.TokenGridFiles;
import io.vqstudio.bridge.metrics.ImageMetrics;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One image path for every face: a file that is neither square nor at the model's resolution is
 * read, centre-cropped and resized once ({@link Preprocess#square}) and encoded from that square.
 * The CLI's {@code encode} and {@code reconstruct} give exactly what the studio's path gives
 * (read, square, encode, decode, measure), so the two faces cannot drift apart.
 */
class OneImagePathTest {

    @RegisterExtension
    static final TestBridge engine = new TestBridge();

    @TempDir
    Path tmp;

    @Test
    void theCliEncodesAndMeasuresTheSquareTheStudioShows() throws Exception {
        Path model = TinyTokenizer.train(tmp);
        Path file = tmp.resolve("wide.png");
        ImageIO.write(noise(41, 23), "png", file.toFile());

        // The studio's path: read, the model's square, encode, decode, measure.
        TokenizerInfo info = engine.bridge().openTokenizer(model).result().get(60, TimeUnit.SECONDS);
        RgbImage square = Preprocess.square(ImageFiles.read(file), info.resolution());
        assertThat(square.width()).isEqualTo(16);
        assertThat(Preprocess.square(square, 16)).isSameAs(square); // already the model's view: no second resize
        List<TokenGrid> grids = engine.bridge().encode(List.of(square)).result().get(60, TimeUnit.SECONDS);
        RgbImage back = engine.bridge().decode(grids).result().get(60, TimeUnit.SECONDS).get(0);

        // The api given the whole picture crops it the same way.
        assertThat(engine.bridge().encode(List.of(ImageFiles.read(file))).result().get(60, TimeUnit.SECONDS))
                .isEqualTo(grids);

        Path tokens = tmp.resolve("t.json");
        assertThat(Main.run("encode", "--model", model.toString(), file.toString(), "--out", tokens.toString(),
                "--threads", "1")).isZero();
        assertThat(TokenGridFiles.read(tokens, info.codebookSize())).isEqualTo(grids);

        Path out = tmp.resolve("r.png");
        CliHarness.Result r = CliHarness.run("reconstruct", "--model", model.toString(), file.toString(),
                "--out", out.toString(), "--threads", "1", "--json");
        assertThat(r.code()).isZero();
        JsonObject o = JsonOutputTest.oneObject(r.out(), "reconstruct");
        assertThat(ImageFiles.read(out)).isEqualTo(back);
        assertThat(o.get("psnr").getAsDouble()).isEqualTo(ImageMetrics.psnr(square, back));
        assertThat(o.get("ssim").getAsDouble()).isEqualTo(ImageMetrics.ssim(square, back));
    }

    private static BufferedImage noise(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Random rnd = new Random(3);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRGB(x, y, rnd.nextInt(0x1000000));
            }
        }
        return img;
    }
}
