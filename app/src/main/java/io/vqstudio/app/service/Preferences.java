package io.vqstudio.app.service;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The studio's choices kept across restarts (such as the model set it opens on), as a small
 * properties file beside the recent-files list; {@link #notKept()} keeps them for this run only.
 */
public final class Preferences {

    /** The key of the embedded model set the studio opens on. */
    public static final String MODEL_SET = "modelSet";

    private final Path store;
    private final Properties values = new Properties();

    public Preferences(Path store) {
        this.store = store;
    }

    /** The store under the user's home: {@code ~/.vqstudio/preferences.properties}. */
    public static Preferences inUserHome() {
        return new Preferences(Path.of(System.getProperty("user.home"), ".vqstudio", "preferences.properties"));
    }

    /** Preferences held in memory only (a window whose choices need not outlive it). */
    public static Preferences notKept() {
        return new Preferences(null);
    }

    /** The value of {@code key}, read from the file (a value of this run when nothing is kept). */
    public synchronized Optional<String> get(String key) {
        if (store != null) {
            load();
        }
        return Optional.ofNullable(values.getProperty(key));
    }

    /** Sets {@code key} and writes the file; a file that cannot be written loses the choice quietly. */
    public synchronized void put(String key, String value) {
        if (store != null) {
            load();
        }
        values.setProperty(key, value);
        if (store == null) {
            return;
        }
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            try (Writer w = Files.newBufferedWriter(store, StandardCharsets.UTF_8)) {
                values.store(w, "VQ Studio preferences");
            }
        } catch (IOException e) {
            // A preference is a convenience; failing to save it must not disturb the user.
        }
    }

    private void load() {
        values.clear();
        if (!Files.isRegularFile(store)) {
            return;
        }
        try (Reader r = Files.newBufferedReader(store, StandardCharsets.UTF_8)) {
            values.load(r);
        } catch (IOException | RuntimeException e) {
            values.clear(); // a damaged file is read as no preferences
        }
    }
}
