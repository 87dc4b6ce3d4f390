package io.vqstudio.app.service;

import io.vqstudio.bridge.api.UserFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the embedded default models live: {@code assets/models/tokenizer/}, {@code prior-ar/} and
 * {@code prior-maskgit/} under the repository root, or under {@code -Dvqstudio.assets=DIR}.
 * A checkpoint counts only when its {@code spec.json} is there.
 */
public final class DefaultModels {

    public static final String PROPERTY = "vqstudio.assets";

    private DefaultModels() {}

    /** The bridge's choice (property, working directory or its parent, beside the jar), else root()/assets. */
    public static Path assetsDir() {
        return UserFiles.defaultAssets().orElse(root().resolve("assets"));
    }

    /**
     * The folder the studio treats as home for {@code assets/} and {@code runs/}: the working
     * directory, or its parent when launched from the app module by {@code mvn -pl app javafx:run}
     * (which runs in {@code app/}).
     */
    public static Path root() {
        Path cwd = Path.of("").toAbsolutePath();
        Path parent = cwd.getParent();
        boolean inAppModule = cwd.getFileName() != null && cwd.getFileName().toString().equals("app")
                && parent != null && Files.isDirectory(parent.resolve("model-bridge"));
        return inAppModule ? parent : cwd;
    }

    /** The default checkpoints present under {@code assets}, tokenizer first. */
    public static List<Path> find(Path assets) {
        return UserFiles.defaultModelsIn(assets);
    }
}
