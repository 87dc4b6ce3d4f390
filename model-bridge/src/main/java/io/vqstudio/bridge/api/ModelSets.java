package io.vqstudio.bridge.api;

import io.vqstudio.bridge.data.ImageFiles;
import io.vqstudio.bridge.io.CheckpointDir;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The embedded model sets: a tokenizer with its two priors, trained on one data set, and a few
 * example pictures of that data set for a face to open with. Each set is a folder of checkpoints
 * under the assets directory ({@link UserFiles#defaultAssets()}):
 * <ul>
 *   <li>Fashion-MNIST: {@code fashion-mnist/models/{tokenizer,prior-ar,prior-maskgit}} and its test
 *       pictures in {@code fashion-mnist/examples/};</li>
 *   <li>Tiny ImageNet photos: {@code models/{tokenizer,prior-ar,prior-maskgit}} (the first embedded
 *       set, where the CLI's defaults still come from), without examples.</li>
 * </ul>
 * A checkpoint counts once its {@code spec.json} is there; a set is available when its tokenizer is
 * (a missing prior only leaves that kind of sampling out), and says in one sentence what it lacks.
 * Only folders are listed and read here: nothing is loaded.
 */
public final class ModelSets {

    public static final String FASHION_MNIST = "fashion-mnist";
    public static final String TINY_IMAGENET = "tiny-imagenet";

    /** A set's checkpoint folders, in the order they open: the tokenizer before the priors that model its codes. */
    public static final List<String> CHECKPOINTS = List.of("tokenizer", "prior-ar", "prior-maskgit");

    private static final List<String> TITLES = List.of("tokenizer", "AR prior", "MaskGIT prior");

    private ModelSets() {}

    /**
     * One embedded set.
     *
     * @param id       the name a face remembers the choice by ({@link #FASHION_MNIST}, {@link #TINY_IMAGENET})
     * @param name     the name a user reads ("Fashion-MNIST")
     * @param models   the folder of its checkpoints, {@link #CHECKPOINTS} in it
     * @param examples the folder of its example pictures, empty for a set without
     */
    public record ModelSet(String id, String name, Path models, Optional<Path> examples) {

        /** The checkpoints present, tokenizer first. */
        public List<Path> checkpoints() {
            return CHECKPOINTS.stream().map(models::resolve).filter(ModelSets::isCheckpoint).toList();
        }

        /** The names in {@link #CHECKPOINTS} with no checkpoint in {@link #models}. */
        public List<String> missing() {
            return CHECKPOINTS.stream().filter(n -> !isCheckpoint(models.resolve(n))).toList();
        }

        /** Whether the set can be opened: its tokenizer is there. */
        public boolean available() {
            return isCheckpoint(models.resolve(CHECKPOINTS.get(0)));
        }

        /**
         * What the set lacks, in one sentence naming where each missing checkpoint goes; empty when
         * it has all three.
         */
        public Optional<String> missingSentence() {
            List<String> gone = missing();
            if (gone.isEmpty()) {
                return Optional.empty();
            }
            List<String> titles = gone.stream().map(n -> TITLES.get(CHECKPOINTS.indexOf(n))).toList();
            List<String> where = gone.stream().map(n -> models.toAbsolutePath().normalize().resolve(n).toString()).toList();
            return Optional.of("The " + name + " set has no " + join(titles, " or ") + ": "
                    + (gone.size() == 1 ? "a checkpoint folder with spec.json is expected at " : "checkpoint folders with "
                    + "spec.json are expected at ") + join(where, " and ") + ".");
        }

        /**
         * The example pictures (JPEG, PNG, BMP, GIF) in {@link #examples}, by file name; none when the set
         * has no such folder or it cannot be listed.
         */
        public List<Path> exampleImages() {
            Path dir = examples.orElse(null);
            if (dir == null || !Files.isDirectory(dir)) {
                return List.of();
            }
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> Files.isRegularFile(f) && ImageFiles.isImageName(f)).sorted().toList();
            } catch (IOException | RuntimeException e) {
                return List.of(); // examples are a courtesy: an unreadable folder opens the set without them
            }
        }
    }

    /** The embedded sets under {@code assets}, in the order a face prefers them: Fashion-MNIST first. */
    public static List<ModelSet> in(Path assets) {
        Path fashion = assets.resolve(FASHION_MNIST);
        return List.of(
                new ModelSet(FASHION_MNIST, "Fashion-MNIST", fashion.resolve("models"), Optional.of(fashion.resolve("examples"))),
                new ModelSet(TINY_IMAGENET, "Tiny ImageNet photos", assets.resolve("models"), Optional.empty()));
    }

    /**
     * The set to open first: the one remembered (by id) when it is available, else the first
     * available in {@code sets}' order; empty when none is.
     */
    public static Optional<ModelSet> first(List<ModelSet> sets, String remembered) {
        Optional<ModelSet> chosen = sets.stream().filter(s -> s.id().equals(remembered) && s.available()).findFirst();
        return chosen.or(() -> sets.stream().filter(ModelSet::available).findFirst());
    }

    private static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointDir.SPEC));
    }

    private static String join(List<String> parts, String last) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<String> head = new ArrayList<>(parts.subList(0, parts.size() - 1));
        return String.join(", ", head) + last + parts.get(parts.size() - 1);
    }
}
