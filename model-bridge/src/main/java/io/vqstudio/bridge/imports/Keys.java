package io.vqstudio.bridge.imports;

import io.vqstudio.bridge.torchsave.StateDict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the importers look for in a file's keys and beside it. */
public final class Keys {

    private Keys() {}

    /** Whether some weight's key contains {@code part} at its start or after a prefix ending in '.'. */
    public static boolean hasKey(StateDict sd, String part) {
        for (String k : sd.tensors().keySet()) {
            if (k.startsWith(part) || k.contains("." + part)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first existing file named {@code name} beside {@code checkpoint}: in its folder, in
     * {@code configs/} there, or in {@code configs/} one folder up (taming's and enhancing-transformers'
     * {@code <run>/checkpoints/last.ckpt} beside {@code <run>/configs/}); null when there is none.
     */
    public static Path configBeside(Path checkpoint, String name) {
        Path dir = checkpoint.toAbsolutePath().getParent();
        if (dir == null) {
            return null;
        }
        List<Path> candidates = new ArrayList<>(List.of(dir.resolve(name), dir.resolve("configs").resolve(name)));
        if (dir.getParent() != null) {
            candidates.add(dir.getParent().resolve("configs").resolve(name));
        }
        return candidates.stream().filter(Files::isRegularFile).findFirst().orElse(null);
    }
}
