package io.vqstudio.bridge.torchsave;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The weights of a checkpoint: tensors by key, in the file's order, with the keys as the file
 * has them (no prefix is stripped; {@link #prefixes()} says which there are). Entries that are
 * not weights of the model are set aside in {@link #skipped()}: the training loss's
 * ({@code loss.*}: a discriminator, LPIPS) and any value that is not a tensor.
 */
public final class StateDict {

    private final Path file;
    private final String source;
    private final Map<String, TensorRef> tensors = new LinkedHashMap<>();
    private final Map<String, Object> skipped = new LinkedHashMap<>();

    StateDict(Path file, String source, Map<?, ?> dict) {
        this.file = file;
        this.source = source;
        for (Map.Entry<?, ?> e : dict.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (e.getValue() instanceof TensorRef t && !key.startsWith("loss.") && e.getKey() instanceof String) {
                tensors.put(key, t);
            } else {
                skipped.put(key, e.getValue());
            }
        }
    }

    /** The checkpoint file the weights come from (for messages that name it). */
    public Path file() {
        return file;
    }

    /** Where in the file the dict was: "state_dict" (Lightning), "model" (LlamaGen), ..., or "" for a bare dict. */
    public String source() {
        return source;
    }

    /** The weights by key, in file order. */
    public Map<String, TensorRef> tensors() {
        return Collections.unmodifiableMap(tensors);
    }

    /** The entries set aside, by key, with their values (tensors of {@code loss.*}, non-tensor values). */
    public Map<String, Object> skipped() {
        return Collections.unmodifiableMap(skipped);
    }

    /** The weight with this key, or a one-line refusal naming the file and the key. */
    public TensorRef tensor(String key) throws TorchFileException {
        TensorRef t = tensors.get(key);
        if (t == null) {
            throw new TorchFileException(file, "has no weight '" + key + "'" + (source.isEmpty() ? "" : " in " + source));
        }
        return t;
    }

    /** How many weights each first key component has, e.g. {encoder=40, decoder=52, quantize=1}. */
    public SortedMap<String, Integer> prefixes() {
        SortedMap<String, Integer> counts = new TreeMap<>();
        for (String k : tensors.keySet()) {
            int dot = k.indexOf('.');
            counts.merge(dot < 0 ? k : k.substring(0, dot), 1, Integer::sum);
        }
        return counts;
    }
}
