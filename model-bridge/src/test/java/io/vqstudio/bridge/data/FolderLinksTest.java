package io.vqstudio.bridge.data;

import io.vqstudio.bridge.core.Progress;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Symbolic links in a dataset folder: linked class folders are classes, loops are walked once, bad links are named. */
class FolderLinksTest {

    @TempDir
    Path dir;

    private static void png(Path file, long seed) throws Exception {
        TestImages.write(file, TestImages.encode(TestImages.noise(8, 8, BufferedImage.TYPE_INT_RGB, seed), "png"));
    }

    @Test
    void aSymlinkedClassFolderIsFollowedAndALoopBackIsWalkedOnce() throws Exception {
        Path root = dir.resolve("set");
        png(root.resolve("cats/c1.png"), 1);
        png(dir.resolve("elsewhere/dogs/d1.png"), 2);
        png(dir.resolve("elsewhere/dogs/d2.png"), 3);
        Files.createSymbolicLink(root.resolve("dogs"), dir.resolve("elsewhere/dogs"));
        Files.createSymbolicLink(root.resolve("cats/up"), root); // a loop: set/cats/up/cats/up/...
        try (ImageSource src = new FolderSource(root)) {
            assertThat(src.classes()).containsExactly("cats", "dogs");
            assertThat(src.entries()).extracting(ImageEntry::name).containsExactly("cats/c1.png", "dogs/d1.png", "dogs/d2.png");
            assertThat(src.read(src.entries().get(2)).getWidth()).isEqualTo(8);
        }
    }

    @Test
    void brokenLinksAndLoopsNamedLikeImagesAreReportedUnreadable() throws Exception {
        Path root = dir.resolve("set");
        png(root.resolve("cats/c1.png"), 1);
        Files.createSymbolicLink(root.resolve("cats/gone.png"), Path.of("nowhere.png"));
        Files.createSymbolicLink(root.resolve("cats/self.jpg"), Path.of("self.jpg"));
        Files.createDirectories(root.resolve("cats/dir.jpg")); // a folder named like an image is just a folder
        try (ImageSource src = new FolderSource(root)) {
            DatasetReport r = DatasetReport.scan(src, 1, Progress.NONE);
            assertThat(r.totalImages()).isEqualTo(3);
            assertThat(r.readableImages()).isEqualTo(1);
            assertThat(r.unreadableExamples()).containsExactly(
                    "cats/gone.png (is a broken symbolic link to nowhere.png)",
                    "cats/self.jpg (is a symlink loop: too many levels of symbolic links)");
        }
    }
}
