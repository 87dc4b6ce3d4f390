package io.vqstudio.bridge.torchsave;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The storages a pickle names by persistent id: {@code ('storage', torch.FloatStorage, key,
 * location, numel)} in the zip format, with a sixth element (a view, always None since PyTorch
 * 0.4) in the legacy one. A key named twice is one storage, so tensors that share it share bytes.
 * Their bytes are attached by the format once the pickle has been read.
 */
final class PersistentIds implements Function<Object, Object> {

    private final Path file;
    private final boolean legacy;
    final Map<String, Storage> storages = new LinkedHashMap<>();

    PersistentIds(Path file, boolean legacy) {
        this.file = file;
        this.legacy = legacy;
    }

    @Override
    public Object apply(Object pid) {
        if (!(pid instanceof Py.Tuple t) || t.size() != (legacy ? 6 : 5) || !"storage".equals(t.get(0))) {
            throw new BadFile("a persistent id that is not a storage: " + Py.typeName(pid));
        }
        if (!(t.get(1) instanceof Py.Global type) || !type.module().equals("torch")) {
            throw new BadFile("a storage of type " + Py.typeName(t.get(1)));
        }
        DType dtype = DType.ofStorageClass(type.name())
                .orElseThrow(() -> new BadFile("a storage of type torch." + type.name() + ", which we do not read"));
        if (!(t.get(2) instanceof String key) || !key.matches("[\\w.]{1,100}")) {
            throw new BadFile("a storage with an unreadable key");
        }
        if (!(t.get(4) instanceof Long numel) || numel < 0 || numel > Long.MAX_VALUE / 8) {
            throw new BadFile("storage '" + key + "' has an unreadable size");
        }
        if (legacy && t.get(5) != null) {
            throw new BadFile("storage '" + key + "' is a view of another storage (PyTorch before 0.4), which we do not read");
        }
        Storage known = storages.get(key);
        if (known == null) {
            known = new Storage(file, key, dtype, numel);
            storages.put(key, known);
        } else if (known.dtype != dtype || known.numel != numel) {
            throw new BadFile("storage '" + key + "' is named twice with different types or sizes");
        }
        return known;
    }
}
