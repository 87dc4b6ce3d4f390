package io.vqstudio.bridge.io;

import io.vqstudio.bridge.core.MalformedFileException;
import io.vqstudio.bridge.runtime.EngineRuntime;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.NoGrad;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** A module's parameters to and from a safetensors file, checked name by name and shape by shape. */
public final class Weights {

    private Weights() {}

    /** Float32, as training keeps them; {@link ModelExport} makes the smaller copies. */
    public static void save(Module module, Path file) throws IOException {
        SafeTensors.write(file, stateDict(module), Map.of(), SafeTensors.Storage.F32);
    }

    /** Parameters and buffers (such as BatchNorm's running statistics), by name: PyTorch's state_dict. */
    public static Map<String, NDArray> stateDict(Module module) {
        Map<String, NDArray> all = new java.util.LinkedHashMap<>(module.parameters());
        all.putAll(module.buffers());
        return all;
    }

    /**
     * Copies the file's tensors into the module's parameters.
     *
     * @throws IOException when the file is unreadable, truncated or malformed, a tensor holds a NaN or an
     *                     infinity (both checked by {@link SafeTensors#read}), or its tensors do not match the
     *                     module built from the spec (a missing, extra or differently shaped tensor)
     */
    public static void load(Module module, Path file) throws IOException {
        Map<String, NDArray> params = stateDict(module);
        try (NDManager tmp = NDManager.newBaseManager(EngineRuntime.get().device())) {
            Map<String, NDArray> saved;
            try {
                saved = SafeTensors.read(file, tmp);
            } catch (RuntimeException e) {
                throw MalformedFileException.of(file, e);
            }
            Set<String> extra = new HashSet<>(saved.keySet());
            extra.removeAll(params.keySet());
            for (Map.Entry<String, NDArray> e : params.entrySet()) {
                NDArray s = saved.get(e.getKey());
                if (s == null) {
                    throw new IOException(file + " does not match its spec: it lacks tensor '" + e.getKey() + "'"
                            + (extra.isEmpty() ? "" : " (and has unexpected ones such as '" + extra.iterator().next() + "')"));
                }
                if (!s.getShape().equals(e.getValue().getShape())) {
                    throw new IOException(file + " does not match its spec: tensor '" + e.getKey() + "' has shape "
                            + s.getShape() + " in the file but " + e.getValue().getShape() + " in the model");
                }
            }
            if (!extra.isEmpty()) {
                throw new IOException(file + " does not match its spec: unexpected tensor '" + extra.iterator().next() + "'");
            }
            try (NoGrad noGrad = NoGrad.enter()) {
                params.forEach((k, p) -> InPlace.set(p, saved.get(k).toFloatArray()));
            }
        }
    }
}
