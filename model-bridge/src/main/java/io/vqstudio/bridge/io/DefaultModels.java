package io.vqstudio.bridge.io;

import io.vqstudio.bridge.core.PriorKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the embedded default models live: {@code assets/models/{tokenizer,prior-ar,prior-maskgit}}
 * under the directory named by the {@code vqstudio.assets} system property, else under the
 * working directory or its parent (a source checkout, run from the root or from a module such as
 * {@code app/} under {@code javafx:run}), else beside the installed jar (an app image).
 */
public final class DefaultModels {

    private DefaultModels() {}

    public static Optional<Path> tokenizer() {
        return find("tokenizer");
    }

    public static Optional<Path> prior(PriorKind kind) {
        return find(kind == PriorKind.AR ? "prior-ar" : "prior-maskgit");
    }

    /** The assets directory in use, if any. */
    public static Optional<Path> assets() {
        String prop = System.getProperty("vqstudio.assets");
        if (prop != null) {
            return Optional.of(Path.of(prop));
        }
        Path cwd = Path.of("").toAbsolutePath();
        for (Path dir : new Path[] {cwd, cwd.getParent()}) {
            if (dir != null && Files.isDirectory(dir.resolve("assets/models"))) {
                return Optional.of(dir.resolve("assets"));
            }
        }
        try {
            Path jar = Path.of(DefaultModels.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = jar.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("assets/models"))) {
                    return Optional.of(p.resolve("assets"));
                }
            }
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static final java.util.List<String> NAMES = java.util.List.of("tokenizer", "prior-ar", "prior-maskgit");

    private static Optional<Path> find(String name) {
        return assets().map(a -> a.resolve("models").resolve(name)).filter(DefaultModels::isCheckpoint);
    }

    /** The default checkpoints present under {@code assets}, tokenizer first, then the priors. */
    public static java.util.List<Path> in(Path assets) {
        return NAMES.stream().map(n -> assets.resolve("models").resolve(n)).filter(DefaultModels::isCheckpoint).toList();
    }

    private static boolean isCheckpoint(Path dir) {
        return Files.isRegularFile(dir.resolve(CheckpointDir.SPEC));
    }

    /** The model to use: the one named, else the default, else an error saying how to name one. */
    public static Path orDefault(Path named, Optional<Path> fallback, String what, String option) {
        if (named != null) {
            return named;
        }
        return fallback.orElseThrow(() -> new IllegalArgumentException("No " + what + " given and no embedded default "
                + "in assets/models: pass " + option + " PATH"));
    }
}
