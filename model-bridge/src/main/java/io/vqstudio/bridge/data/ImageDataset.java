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
    private final List<String> classes;

    /**
     * Wraps an open source; the dataset now owns it and closes it.
     *
     * @throws IllegalArgumentException when the spec names a class the source does not have
     */
    public ImageDataset(ImageSource source, DataSpec spec) {
        this.source = Objects.requireNonNull(source, "source");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.classes = spec.classes().isEmpty() ? source.classes() : spec.classes();
        int[] relabel = new int[source.classes().size()];
        java.util.Arrays.fill(relabel, -1);
        for (int i = 0; i < classes.size(); i++) {
            int at = source.classes().indexOf(classes.get(i));
            if (at < 0) {
                throw new IllegalArgumentException("No class '" + classes.get(i) + "' in " + source.location());
            }
            relabel[at] = i;
        }
        List<ImageEntry> t = new ArrayList<>(), v = new ArrayList<>();
        for (ImageEntry e : source.entries()) {
            if (relabel[e.label()] < 0) {
                continue;
            }
            ImageEntry r = relabel[e.label()] == e.label() ? e : new ImageEntry(e.name(), relabel[e.label()]);
            (Split.isValidation(e.name(), spec.validationFraction()) ? v : t).add(r);
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

    /** Class ids in label order (the spec's subset, when it names one). */
    public List<String> classes() {
        return classes;
    }

    /** Class id to human-readable name (falls back to the id). */
    public Map<String, String> classNames() {
        return source.classNames();
    }

    public int numClasses() {
        return classes.size();
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
            return Preprocess.toTensor(source.decode(entry, spec.resolution()).image(), spec.resolution(), flip);
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
