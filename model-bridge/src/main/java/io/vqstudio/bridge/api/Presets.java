package io.vqstudio.bridge.api;

import io.vqstudio.bridge.family.Families;
import io.vqstudio.bridge.tokenizer.TrainableTokenizerSpec;
import java.util.List;

/** The named tokenizer presets a face offers for a new training run (from the family registry). */
public final class Presets {

    private Presets() {}

    /** Preset names, in the registry's order: the paper's sizes, the CPU ones, the tiny ones. */
    public static List<String> tokenizerNames() {
        return List.copyOf(Families.tokenizerPresets().keySet());
    }

    /** @throws IllegalArgumentException naming the presets there are, for an unknown name */
    public static TrainableTokenizerSpec tokenizer(String name) {
        return Families.tokenizerPreset(name);
    }
}
