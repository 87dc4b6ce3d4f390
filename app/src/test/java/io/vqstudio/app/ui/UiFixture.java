package io.vqstudio.app.ui;

import io.vqstudio.app.service.FakeStudioService;
import io.vqstudio.app.service.RecentFiles;
import io.vqstudio.app.shell.MainWindow;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.GradientPaint;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** The real main window over the fake service, and pictures to load into it. */
final class UiFixture {

    private UiFixture() {}

    static MainWindow window(Stage stage, FakeStudioService service, Path dir, boolean dark) throws IOException {
        Files.createDirectories(dir);
        MainWindow w = new MainWindow(stage, service,
                new MainWindow.Options(dir.resolve("runs"), new RecentFiles(dir.resolve("recent.txt")), false, dark));
        stage.show();
        // One after the other, as the studio opens its defaults: a prior opened before its tokenizer is refused.
        w.viewModel().models().openAll(List.of(dir.resolve("tokenizer"), dir.resolve("prior-ar"), dir.resolve("prior-maskgit")));
        return w;
    }

    /** A small landscape: sky gradient, sun, hills; {@code variant} shifts the colours. */
    static Path landscape(Path dir, String name, int variant) throws IOException {
        return landscape(dir, name, variant, 64);
    }

    /** The same landscape drawn at {@code size} pixels. */
    static Path landscape(Path dir, String name, int variant, int size) throws IOException {
        int s = 64;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.scale(size / (double) s, size / (double) s);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setPaint(new GradientPaint(0, 0, new Color(40 + 40 * variant, 90, 200 - 30 * variant), 0, 40,
                new Color(250, 180 - 20 * variant, 120)));
        g.fillRect(0, 0, s, s);
        g.setColor(new Color(255, 220, 60 + 40 * variant));
        g.fillOval(38 - 8 * variant, 10, 16, 16);
        g.setColor(new Color(40, 120 + 20 * variant, 60));
        g.fillOval(-20, 38, 70, 50);
        g.setColor(new Color(30 + 30 * variant, 90, 50));
        g.fillOval(20, 44, 70, 50);
        g.dispose();
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        ImageIO.write(img, "png", p.toFile());
        return p;
    }

    static void waitUntil(BooleanSupplier condition) throws Exception {
        waitUntil(60, condition); // a hang guard, far above any wait here: a loaded machine is slow, not broken
    }

    static void waitUntil(long seconds, BooleanSupplier condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition::getAsBoolean);
        WaitForAsyncUtils.waitForFxEvents();
    }
}
