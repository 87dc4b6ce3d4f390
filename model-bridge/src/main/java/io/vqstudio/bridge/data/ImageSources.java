package io.vqstudio.bridge.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Opens the right {@link ImageSource} for a path: a zip, IDX files, or a folder of images. */
public final class ImageSources {

    private ImageSources() {}

    /**
     * Picks the source by what the path is:
     * <ul>
     *   <li>a {@code .zip} file (or any file starting with the zip signature): {@link ZipSource};</li>
     *   <li>an IDX file, or a folder holding {@code *-images-idx3-ubyte[.gz]}: {@link IdxSource};</li>
     *   <li>any other folder: {@link FolderSource}.</li>
     * </ul>
     *
     * @throws IllegalArgumentException when the path does not exist, is not a dataset, or holds no
     *                                  images; the message names the path
     * @throws IOException              when reading the path fails
     */
    public static ImageSource open(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new IllegalArgumentException("Dataset path does not exist: " + path.toAbsolutePath());
        }
        if (Files.isDirectory(path)) {
            return IdxSource.imageFiles(path).isEmpty() ? new FolderSource(path) : new IdxSource(path);
        }
        String name = path.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).endsWith(".zip") || startsWithZipSignature(path)) {
            return new ZipSource(path);
        }
        if (IdxSource.isIdxName(name)) {
            return new IdxSource(path);
        }
        throw new IllegalArgumentException("Not a dataset: " + path.toAbsolutePath()
                + " (expected a folder of images in class sub-folders, a .zip of such a folder, or MNIST IDX files)");
    }

    private static boolean startsWithZipSignature(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        }
    }

    /** The error for a path that holds no images, naming it and what was looked for. */
    static IllegalArgumentException noImages(String location) {
        return new IllegalArgumentException("No images found in " + location
                + " (looked for .jpg, .jpeg, .png, .bmp and .gif files, one sub-folder per class,"
                + " or *-images-idx3-ubyte[.gz] with *-labels-idx1-ubyte[.gz])");
    }
}
