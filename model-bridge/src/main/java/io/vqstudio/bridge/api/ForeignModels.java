package io.vqstudio.bridge.api;

import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.ModelImport;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * What a face needs to know about a model file from another project before it asks the engine to
 * open it: whether a file is a {@code torch.save} or safetensors file at all (by its first bytes,
 * never by its name), and which imported family its weights are (by their keys, reading the file's
 * structure but none of its weights). Nothing here runs on the engine thread or loads a model.
 */
public final class ForeignModels {

    /** The names these files are published under, for a file chooser's filter. */
    public static final List<String> EXTENSIONS = List.of("ckpt", "pt", "pth", "bin", "safetensors");

    private ForeignModels() {}

    /**
     * Whether {@code path} is a regular file that starts like a zip ({@code torch.save}'s format),
     * a legacy {@code torch.save} pickle or a safetensors header, and is not the weights file of one
     * of our checkpoint folders (which opens as that checkpoint). Reads 16 bytes at most.
     */
    public static boolean isTorchFile(Path path) {
        return ModelImport.isForeign(path);
    }

    /**
     * The imported family whose weights {@code file} holds, told by the keys of its state dict: a
     * tokenizer's ({@code taming-vqgan}, {@code llamagen-vq}, {@code enhancing-vitvq}) or a prior's
     * ({@code llamagen-gpt}, {@code taming-gpt}); the weights stay in the file.
     *
     * @throws IOException in one sentence naming the file: unreadable, refused (a file that names
     *                     code to run), or weights of no family we import, with a few of its keys
     * @see VqBridge#checkpointKind(Path) whether it is a tokenizer or a prior
     */
    public static String familyOf(Path file) throws IOException {
        return ModelImport.familyOf(file);
    }

    /**
     * Whether a prior file of {@code family} also holds the tokenizer it was trained on (taming's
     * class-conditional transformer carries its first stage): opening the file as a tokenizer gives that one.
     */
    public static boolean carriesItsTokenizer(String family) {
        return Families.PRIORS.stream().anyMatch(f -> f.name().equals(family) && f.imported() && f.importer().carriesTokenizer());
    }

    /**
     * Whether {@code family} (as {@link #familyOf} names it) is a prior family, so that a face which
     * has the family need not read the file again to learn what it holds.
     */
    public static boolean isPriorFamily(String family) {
        return Families.PRIORS.stream().anyMatch(f -> f.name().equals(family));
    }
}
