package io.vqstudio.bridge.torchsave;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a checkpoint file holds, as plain Java values: its top-level dict ({@link #entries()},
 * e.g. Lightning's {@code epoch}, {@code global_step}, {@code hyper_parameters}) and its weights
 * ({@link #stateDict()}). Training state the importers never use (Lightning's
 * {@code optimizer_states} and {@code callbacks}, a training dict's {@code optimizer}) is read and
 * checked but left out of {@link #entries()}; {@link #ignored()} names it.
 */
public final class Checkpoint {

    /** Top-level entries that are training state, not model. */
    static final Set<String> TRAINING_STATE = Set.of("optimizer_states", "callbacks", "optimizer");
    /** Where the weights may sit in a dict, in the order they are looked for. */
    static final List<String> WEIGHT_KEYS = List.of("state_dict", "model", "module", "ema");

    private final Path file;
    private final String format;
    private final Map<Object, Object> top;

    Checkpoint(Path file, String format, Map<Object, Object> top) {
        this.file = file;
        this.format = format;
        this.top = top;
    }

    public Path file() {
        return file;
    }

    /** "zip", "legacy" or "safetensors". */
    public String format() {
        return format;
    }

    /** The top-level entries, training state left out, in file order. */
    public Map<Object, Object> entries() {
        Map<Object, Object> out = new LinkedHashMap<>(top);
        out.keySet().removeAll(TRAINING_STATE);
        return Collections.unmodifiableMap(out);
    }

    /** The top-level entries left out of {@link #entries()}. */
    public List<String> ignored() {
        List<String> out = new ArrayList<>();
        for (Object k : top.keySet()) {
            if (TRAINING_STATE.contains(k)) {
                out.add((String) k);
            }
        }
        return out;
    }

    /**
     * The weights: the first of {@code state_dict} (Lightning), {@code model} (LlamaGen),
     * {@code module}, {@code ema} that is a dict, else the top-level dict itself when it holds
     * tensors (a bare state dict, a safetensors file).
     */
    public StateDict stateDict() throws TorchFileException {
        for (String key : WEIGHT_KEYS) {
            if (top.get(key) instanceof Map<?, ?>) {
                return stateDict(key);
            }
        }
        if (top.values().stream().anyMatch(v -> v instanceof TensorRef)) {
            return new StateDict(file, "", top);
        }
        throw new TorchFileException(file, "holds no state dict (no tensors, and none of " + WEIGHT_KEYS + ")");
    }

    /** The weights under a top-level key of the caller's choosing (e.g. "ema" over "model"). */
    public StateDict stateDict(String key) throws TorchFileException {
        if (!(top.get(key) instanceof Map<?, ?> dict)) {
            throw new TorchFileException(file, "has no dict under '" + key + "'");
        }
        return new StateDict(file, key, dict);
    }
}
