package io.vqstudio.app.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The most recently opened files, newest first, kept in a small text file (one path a line). */
public final class RecentFiles {

    public static final int LIMIT = 10;

    private final Path store;

    public RecentFiles(Path store) {
        this.store = store;
    }

    /** The store under the user's home: {@code ~/.vqstudio/recent.txt}. */
    public static RecentFiles inUserHome() {
        return new RecentFiles(Path.of(System.getProperty("user.home"), ".vqstudio", "recent.txt"));
    }

    public List<Path> list() {
        try {
            if (!Files.isRegularFile(store)) {
                return List.of();
            }
            return Files.readAllLines(store).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // a damaged list is not worth an error
        }
    }

    /** Puts {@code file} first and keeps at most {@link #LIMIT}; returns the new list. */
    public List<Path> add(Path file) {
        List<Path> all = new ArrayList<>(list());
        Path abs = file.toAbsolutePath().normalize();
        all.remove(abs);
        all.add(0, abs);
        List<Path> kept = all.subList(0, Math.min(LIMIT, all.size()));
        try {
            Files.createDirectories(store.toAbsolutePath().getParent());
            Files.write(store, kept.stream().map(Path::toString).toList());
        } catch (IOException e) {
            // Recent files are a convenience; failing to save them must not disturb the user.
        }
        return List.copyOf(kept);
    }
}
