package io.vqstudio.bridge.api;

import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.family.TokenizerStore;
import io.vqstudio.bridge.io.CheckpointDir;
import io.vqstudio.bridge.io.Weights;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.tokenizer.ImageTokenizer;
import io.vqstudio.bridge.tokenizer.TokenizerSpec;
import java.nio.file.Path;
import java.util.Map;

/**
 * A checkpoint of random weights in the published shape of an imported tokenizer
 * ({@code vqgan_imagenet_f16_1024}, {@code vq_ds16_c2i}, {@code imagenet_vitvq_small}...), so the
 * studio's grid, codebook and reconstruction views can be tried at a real model's size and speed
 * without the file. Its model card says the weights are random: it reconstructs nothing.
 */
public final class RandomModels {

    private RandomModels() {}

    /** The published shapes of the imported families, by the name the project publishes them under. */
    public static Map<String, TokenizerSpec> presets() {
        return Families.importedPresets();
    }

    /**
     * Writes a random-weight checkpoint of {@code preset} into {@code dir} (a new or empty folder, or
     * a checkpoint to replace), on the engine thread; the job's result is {@code dir}.
     *
     * @throws IllegalArgumentException naming the presets, for an unknown name (before any job starts)
     */
    public static Job<Path> write(VqBridge bridge, String preset, Path dir) {
        TokenizerSpec spec = presets().get(preset);
        if (spec == null) {
            throw new IllegalArgumentException("Unknown published model '" + preset + "'. Known: "
                    + String.join(", ", presets().keySet()));
        }
        return bridge.submit("random " + preset, ctx -> {
            try (NDManager m = NDManager.newBaseManager(EngineRuntime.get().device())) {
                ImageTokenizer t = TokenizerStore.buildAny(m, spec);
                if (!(t instanceof Module module)) {
                    throw new IllegalStateException(spec.family() + " models have no weights to write");
                }
                CheckpointDir.writeAt(dir, tmp -> {
                    Weights.save(module, tmp.resolve(CheckpointDir.WEIGHTS));
                    TokenizerStore.writeHeader(tmp, TokenizerStore.header(spec, "random-" + preset, 0, null), card(preset, spec));
                });
            }
            return dir;
        });
    }

    private static String card(String preset, TokenizerSpec spec) {
        return "# " + preset + " (random weights)\n\nThe published shape of " + Families.of(spec).title() + " `" + preset
                + "` with random weights, made by VQ Studio to try the studio at this model's size and speed. "
                + "It was never trained: its codes and reconstructions mean nothing.\n";
    }
}
