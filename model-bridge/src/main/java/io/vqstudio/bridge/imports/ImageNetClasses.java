package io.vqstudio.bridge.imports;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The 1,000 ImageNet-1k class names in the order of the class ids every published ImageNet model
 * uses (the synset order of ILSVRC-2012; the names are torchvision's short ones, e.g. 0 "tench",
 * 1 "goldfish", 207 "golden retriever"). Imported class-conditional priors with 1,000 classes are
 * given these names.
 */
public final class ImageNetClasses {

    public static final int COUNT = 1000;
    private static final String RESOURCE = "/io/vqstudio/bridge/imports/imagenet-1k-classes.txt";
    private static List<String> names;

    private ImageNetClasses() {}

    /** The names, index = class id. */
    public static synchronized List<String> names() {
        if (names == null) {
            try (InputStream in = ImageNetClasses.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("the ImageNet class list " + RESOURCE + " is missing from the build");
                }
                List<String> read = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                        .filter(l -> !l.isBlank()).toList();
                if (read.size() != COUNT) {
                    throw new IllegalStateException(RESOURCE + " holds " + read.size() + " names, not " + COUNT);
                }
                names = read;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return names;
    }

    /** ImageNet's names for a prior of 1,000 classes; otherwise "class 0", "class 1", ... */
    public static List<String> forClasses(int numClasses) {
        if (numClasses == COUNT) {
            return names();
        }
        return java.util.stream.IntStream.range(0, numClasses).mapToObj(i -> "class " + i).toList();
    }
}
