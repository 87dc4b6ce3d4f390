package io.vqstudio.bridge.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A path that exists but is not a readable image says what it is (a directory, a symlink loop, a
 * broken link, a pipe, no permission) instead of "file not found"; a name that is not valid in
 * the system's encoding is still found.
 */
class ImagePathsTest {

    @TempDir
    Path dir;

    private static final byte[] PNG = png();

    private static byte[] png() {
        try {
            return TestImages.encode(TestImages.noise(8, 8, BufferedImage.TYPE_INT_RGB, 3), "png");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean sh(Path cwd, String script) throws Exception {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile()).inheritIO().start();
            return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (java.io.IOException noShell) {
            return false;
        }
    }

    @Test
    void aDirectoryNamedLikeAnImageSaysItIsADirectory() throws Exception {
        Path d = Files.createDirectory(dir.resolve("dir.jpg"));
        assertThatThrownBy(() -> ImageFiles.read(d)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(d + " (is a directory, not an image)");
    }

    @Test
    void symlinkLoopsAndBrokenLinksSayWhatTheyAre() throws Exception {
        Path self = Files.createSymbolicLink(dir.resolve("self.jpg"), Path.of("self.jpg"));
        Path a = dir.resolve("a.jpg");
        Files.createSymbolicLink(a, Path.of("b.jpg"));
        Files.createSymbolicLink(dir.resolve("b.jpg"), Path.of("a.jpg"));
        Path broken = Files.createSymbolicLink(dir.resolve("broken.png"), Path.of("gone.png"));
        for (Path loop : new Path[] {self, a}) {
            assertThatThrownBy(() -> ImageFiles.read(loop)).isInstanceOf(UnreadableImageException.class)
                    .hasMessage(loop + " (is a symlink loop: too many levels of symbolic links)");
        }
        assertThatThrownBy(() -> ImageFiles.read(broken)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(broken + " (is a broken symbolic link to gone.png)");
        // Nothing at all is still "no such file", for the message layer's "File not found".
        assertThatThrownBy(() -> ImageFiles.read(dir.resolve("none.png"))).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void aPipeNamedLikeAnImageIsRefusedWithoutWaitingOnIt() throws Exception {
        assumeTrue(sh(dir, "mkfifo pipe.jpg"), "mkfifo is not available");
        Path pipe = dir.resolve("pipe.jpg");
        assertThatThrownBy(() -> ImageFiles.read(pipe)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(pipe + " (is a pipe or a device, not a regular file)");
    }

    @Test
    void aFileWithoutReadPermissionSaysSo() throws Exception {
        assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"), "no POSIX permissions here");
        Path locked = dir.resolve("locked.png");
        Files.write(locked, PNG);
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        // Root reads every file whatever its permissions (as the suite runs here and on CI): nothing to refuse then.
        assumeTrue(!Files.isReadable(locked), "this user reads every file (root)");
        assertThatThrownBy(() -> ImageFiles.read(locked)).isInstanceOf(UnreadableImageException.class)
                .hasMessage(locked + " (permission denied)");
    }

    @Test
    void aNameThatIsNotValidUtf8IsFoundAsTheCommandLineGivesIt() throws Exception {
        assumeTrue("UTF-8".equals(System.getProperty("sun.jnu.encoding")), "file names are not UTF-8 here");
        Files.write(dir.resolve("ok.png"), PNG);
        // "café.png" in Latin-1: the byte 0xE9 alone is not UTF-8.
        assumeTrue(sh(dir, "mv ok.png \"$(printf 'caf\\351.png')\""), "cannot make a raw-byte file name here");
        // The JVM decodes the command line's bytes with U+FFFD for the invalid one, as it lists the folder.
        Path asGiven = dir.resolve("caf\uFFFD.png");
        try (var list = Files.list(dir)) {
            assertThat(list.map(p -> p.getFileName().toString()).toList()).containsExactly("caf\uFFFD.png");
        }
        assertThat(ImageFiles.read(asGiven).width()).isEqualTo(8);
        // A garbled name that matches nothing says why it cannot be found.
        Path missing = dir.resolve("gar\uFFFDon.png");
        assertThatThrownBy(() -> ImageFiles.read(missing)).isInstanceOf(UnreadableImageException.class)
                .hasMessageStartingWith(missing + " (no such file; its name has bytes that are not valid UTF-8");
    }

    @Test
    void aDatasetFileWithANameThatIsNotValidUtf8IsRead() throws Exception {
        Path cats = Files.createDirectories(dir.resolve("set/cats"));
        Files.write(cats.resolve("ok.png"), PNG);
        Files.write(cats.resolve("b.png"), PNG);
        assumeTrue(sh(cats, "mv ok.png \"$(printf 'caf\\351.png')\""), "cannot make a raw-byte file name here");
        try (ImageSource src = new FolderSource(dir.resolve("set"))) {
            assertThat(src.entries()).extracting(ImageEntry::name).containsExactly("cats/b.png", "cats/caf\uFFFD.png");
            assertThat(src.read(src.entries().get(1)).getWidth()).isEqualTo(8);
        }
    }
}
