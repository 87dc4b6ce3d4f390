package io.vqstudio.bridge.data;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link ImageSource} with its {@link DataSpec}: the classes and their names, the entries of
 * each {@link Split.Part}, and the {@link SkipLog} that every loader over it shares.
 * {@link BatchLoader} reads batches from it.
 *
 * <p>Closing the dataset closes its source; loaders over it must be closed first.
 */
public final class ImageDataset implements AutoCloseable {

    private final ImageSource source;
    private final DataSpec spec;
    private final List<ImageEntry> train;
    private final List<ImageEntry> validation;
    private final SkipLog skipLog = new SkipLog();

    /** Wraps an open source; the dataset now owns it and closes it. */
    public ImageDataset(ImageSource source, DataSpec spec) {
        this.source = Objects.requireNonNull(source, "source");
        this.spec = Objects.requireNonNull(spec, "spec");
        List<ImageEntry> t = new ArrayList<>(), v = new ArrayList<>();
        for (ImageEntry e : source.entries()) {
            (Split.isValidation(e.name(), spec.validationFraction()) ? v : t).add(e);
        }
        this.train = List.copyOf(t);
        this.validation = List.copyOf(v);
    }

    /**
     * Opens {@code spec.path()} with {@link ImageSources#open}.
     *
     * @throws IllegalArgumentException when the path does not exist or holds no images, naming it
     */
    public static ImageDataset open(DataSpec spec) throws IOException {
        return new ImageDataset(ImageSources.open(spec.path()), spec);
    }

    public DataSpec spec() {
        return spec;
    }

    public ImageSource source() {
        return source;
    }

    /** Class ids in label order. */
    public List<String> classes() {
        return source.classes();
    }

    /** Class id to human-readable name (falls back to the id). */
    public Map<String, String> classNames() {
        return source.classNames();
    }

    public int numClasses() {
        return source.classes().size();
    }

    public List<ImageEntry> train() {
        return train;
    }

    public List<ImageEntry> validation() {
        return validation;
    }

    public List<ImageEntry> entries(Split.Part part) {
        return part == Split.Part.TRAIN ? train : validation;
    }

    public String location() {
        return source.location();
    }

    /** Files found unreadable so far by any loader over this dataset. */
    public SkipLog skipLog() {
        return skipLog;
    }

    /**
     * Decodes one entry to a (3, R, R) tensor in [-1, 1] at the spec's resolution.
     *
     * @throws UnreadableImageException for a bad file (also recorded in {@link #skipLog()})
     */
    public float[] tensor(ImageEntry entry, boolean flip) throws IOException {
        try {
            return Preprocess.toTensor(source.read(entry), spec.resolution(), flip);
        } catch (UnreadableImageException e) {
            skipLog.add(e);
            throw e;
        }
    }

    @Override
    public void close() {
        source.close();
    }

    @Override
    public String toString() {
        return "ImageDataset[" + location() + ", " + numClasses() + " classes, " + train.size() + " train, "
                + validation.size() + " validation]";
    }
}
