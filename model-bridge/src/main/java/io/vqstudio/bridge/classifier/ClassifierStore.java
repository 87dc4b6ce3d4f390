package io.vqstudio.bridge.classifier;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Json;
import io.vqstudio.bridge.io.ModelHeader;
import io.vqstudio.bridge.io.SpecException;
import io.vqstudio.bridge.io.SpecJson;
import io.vqstudio.bridge.io.Weights;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Builds classifiers from specs and moves them to and from checkpoint directories: spec.json
 * (kind {@code classifier}), model.safetensors, {@code classes.json} (the class names, index =
 * class id; every classifier has them, since its scores are read per class) and the model card.
 */
public final class ClassifierStore {

    public static final String KIND = "classifier";
    public static final String CLASSES = "classes.json";

    private ClassifierStore() {}

    /**
     * A fresh classifier whose parameters live in {@code m}.
     *
     * @throws SpecException before allocating anything, when this machine cannot hold it
     */
    public static ImageClassifier build(NDManager m, ClassifierSpec spec) {
        spec.footprint().requireFits();
        return new ImageClassifier(m, spec);
    }

    /** Writes spec.json, model.safetensors, classes.json and the model card into an open temp dir. */
    public static void writeInto(Path dir, ImageClassifier classifier, List<String> classNames, long step, String card)
            throws IOException {
        if (classNames.size() != classifier.spec().classes()) {
            throw new IllegalArgumentException(classNames.size() + " class names for a classifier of "
                    + classifier.spec().classes() + " classes");
        }
        Weights.save(classifier, dir.resolve(CheckpointDir.WEIGHTS));
        Json.write(dir.resolve(CheckpointDir.SPEC), new ModelHeader(KIND, ModelHeader.FORMAT,
                classifier.spec().name() + "@" + step, null, Json.GSON.toJsonTree(classifier.spec()), step, null));
        Json.write(dir.resolve(CLASSES), classNames);
        Files.writeString(dir.resolve(CheckpointDir.CARD), card);
    }

    /** A loaded classifier with its header, class names and directory. */
    public record Loaded(ImageClassifier classifier, ModelHeader header, List<String> classNames, Path dir) {}

    /**
     * Loads the classifier at {@code given} (a checkpoint, a file in one, or a run directory).
     *
     * @throws IOException naming the file: no checkpoint, another kind of model, an invalid spec, class
     *                     names that are missing or do not fit the spec, weights that do not fit it
     */
    public static Loaded load(Path given, NDManager m) throws IOException {
        Path dir = CheckpointDir.resolve(given);
        ModelHeader header = ModelHeader.read(dir).requireKind(KIND, given);
        ClassifierSpec spec;
        try {
            spec = SpecJson.read(header.spec(), ClassifierSpec.class);
            spec.footprint().requireFits();
        } catch (SpecException e) {
            throw new IOException(dir.resolve(CheckpointDir.SPEC) + " has an invalid classifier spec: " + e.getMessage(), e);
        }
        List<String> names = classNamesIn(dir, spec.classes());
        ImageClassifier c = new ImageClassifier(m, spec);
        Weights.load(c, dir.resolve(CheckpointDir.WEIGHTS));
        return new Loaded(c, header, names, dir);
    }

    private static List<String> classNamesIn(Path dir, int classes) throws IOException {
        Path file = dir.resolve(CLASSES);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is missing: a classifier's class names are saved beside its weights");
        }
        String[] names = Json.read(file, String[].class);
        if (Arrays.stream(names).anyMatch(Objects::isNull)) {
            throw new IOException(file + " is not a list of class names (it holds a null)");
        }
        if (names.length != classes) {
            throw new IOException(file + " names " + names.length + " classes, but the classifier's spec.json has "
                    + classes);
        }
        return List.of(names);
    }
}
