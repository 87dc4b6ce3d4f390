package io.vqstudio.app.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** PNG pictures of views: a node or a whole scene, as JavaFX renders it (works headless under Monocle). */
public final class Snapshots {

    private Snapshots() {}

    public static BufferedImage of(Node node) {
        WritableImage img = node.snapshot(null, null);
        return SwingFXUtils.fromFXImage(img, null);
    }

    public static BufferedImage of(Scene scene) {
        return SwingFXUtils.fromFXImage(scene.snapshot(null), null);
    }

    public static void write(BufferedImage img, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ImageIO.write(img, "png", file.toFile());
    }
}
