package io.vqstudio.bridge.io;

import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Copies a checkpoint into a slim, shippable one: spec.json (the same identity, so priors made for
 * a tokenizer still match it), the weights (float16 when asked), the model card and the class
 * names; no optimiser state, no discriminator. The target is a new or empty folder, or a checkpoint
 * to replace; never the source or a folder holding it, and never a folder with anything else in it
 * (see {@link CheckpointDir#writeAt}), so an export deletes nothing but an old checkpoint.
 */
public final class ModelExport {

    private static final Set<String> KEEP = Set.of(CheckpointDir.SPEC, CheckpointDir.CARD, "classes.json");

    private ModelExport() {}

    /** @return the exported directory's size in bytes */
    public static long export(Path from, Path to, SafeTensors.Storage storage, Path card) throws IOException {
        Path src = CheckpointDir.resolve(from).toRealPath();
        ModelHeader.read(src);
        Path target = real(to);
        if (src.startsWith(target) || target.startsWith(src)) {
            throw new IllegalArgumentException("Cannot export " + from + " to " + to + ": the target "
                    + (src.equals(target) ? "is the source checkpoint" : src.startsWith(target) ? "holds the source checkpoint"
                    : "lies inside the source checkpoint") + "; name another folder");
        }
        CheckpointDir.writeAt(to, tmp -> {
            for (String name : KEEP) {
                if (Files.exists(src.resolve(name))) {
                    Files.copy(src.resolve(name), tmp.resolve(name));
                }
            }
            if (card != null) {
                Files.copy(card, tmp.resolve(CheckpointDir.CARD), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
                Map<String, NDArray> weights = SafeTensors.read(src.resolve(CheckpointDir.WEIGHTS), m);
                SafeTensors.write(tmp.resolve(CheckpointDir.WEIGHTS), weights, Map.of(), storage);
            }
        });
        try (var files = Files.list(to)) {
            return files.mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** {@code p} with links resolved as far as it exists, so a link cannot hide that it is the source. */
    private static Path real(Path p) throws IOException {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing == null ? abs : existing.toRealPath().resolve(existing.relativize(abs));
    }
}
