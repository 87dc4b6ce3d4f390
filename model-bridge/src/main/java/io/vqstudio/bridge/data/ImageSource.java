package io.vqstudio.bridge.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * A labelled collection of images read in place: a folder ({@link FolderSource}), a zip
 * ({@link ZipSource}) or IDX files ({@link IdxSource}). {@link ImageSources#open} picks one.
 *
 * <p>The entry list, classes and names are fixed when the source opens; {@link #read} may be
 * called from several threads at once.
 */
public interface ImageSource extends AutoCloseable {

    /** Every image, sorted by name; labels index {@link #classes()}. */
    List<ImageEntry> entries();

    /**
     * Decodes one image. The result may be of any {@link BufferedImage} type (grey, indexed,
     * with alpha); {@link Preprocess} turns it into RGB. A picture above 16 Mi pixels comes back
     * subsampled, and one above {@link ImageFiles#MAX_MEGAPIXELS} is refused.
     *
     * @throws UnreadableImageException for a zero-byte, truncated or undecodable file, naming it
     * @throws IOException              when the source itself fails
     */
    BufferedImage read(ImageEntry entry) throws IOException;

    /**
     * Decodes one image for a model that sees {@code targetSide x targetSide} pixels: a large photo
     * may come back subsampled (see {@link ImageFiles#decode}), with its file size alongside.
     *
     * @throws UnreadableImageException as {@link #read}, also for an image above {@link ImageFiles#MAX_MEGAPIXELS}
     */
    default DecodedImage decode(ImageEntry entry, int targetSide) throws IOException {
        return DecodedImage.whole(read(entry));
    }

    /** Class ids, in label order (sorted). */
    List<String> classes();

    /** Class id to human-readable name; every class has one, falling back to its id. */
    Map<String, String> classNames();

    /** The path the images come from, for messages. */
    String location();

    /** Closes files held open; does not throw checked exceptions. */
    @Override
    void close();
}
