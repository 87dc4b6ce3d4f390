package io.vqstudio.bridge.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to train on and how to prepare it; saved beside a checkpoint so its data can be reproduced.
 *
 * @param path               a folder, zip or IDX path ({@link ImageSources#open})
 * @param resolution         side of the square images the model sees, in pixels
 * @param validationFraction share of images held out for validation, in [0, 1] ({@link Split})
 * @param flip               random horizontal flips of training images
 * @param seed               seed for shuffling and flips
 * @param classes            the class ids to use, relabelled 0.. in this order; empty = every class
 */
public record DataSpec(Path path, int resolution, double validationFraction, boolean flip, long seed,
                       List<String> classes) {

    public DataSpec(Path path, int resolution, double validationFraction, boolean flip, long seed) {
        this(path, resolution, validationFraction, flip, seed, List.of());
    }

    public DataSpec {
        classes = classes == null ? List.of() : List.copyOf(classes);
        Objects.requireNonNull(path, "path");
        if (resolution < 1 || resolution > 4096) {
            throw new IllegalArgumentException("resolution must be in 1..4096, got " + resolution);
        }
        if (!(validationFraction >= 0 && validationFraction <= 1)) {
            throw new IllegalArgumentException("validationFraction must be in [0, 1], got " + validationFraction);
        }
    }

    /** 64x64, 5% validation, flips on, seed 0: the setting of the embedded default models. */
    public static DataSpec defaults(Path path) {
        return new DataSpec(path, 64, 0.05, true, 0L);
    }

    public DataSpec withResolution(int r) {
        return new DataSpec(path, r, validationFraction, flip, seed, classes);
    }

    public DataSpec withValidationFraction(double f) {
        return new DataSpec(path, resolution, f, flip, seed, classes);
    }

    public DataSpec withFlip(boolean f) {
        return new DataSpec(path, resolution, validationFraction, f, seed, classes);
    }

    public DataSpec withSeed(long s) {
        return new DataSpec(path, resolution, validationFraction, flip, s, classes);
    }

    /** Only these class ids (e.g. a visually distinct subset), relabelled 0.. in the given order. */
    public DataSpec withClasses(List<String> ids) {
        return new DataSpec(path, resolution, validationFraction, flip, seed, ids);
    }
}
