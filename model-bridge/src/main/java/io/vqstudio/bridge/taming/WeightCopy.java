package io.vqstudio.bridge.taming;

import io.vqstudio.bridge.imports.ImportException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Loads a PyTorch state dict into a {@link Module} whose parameter names are the state dict's keys,
 * name by name, as {@code load_state_dict(strict=True)} does: every parameter must have a weight of
 * its shape, and every weight a parameter, except those the family says to ignore (training-only
 * buffers). Nothing is copied until all names and shapes agree; then each weight is read from the
 * file's mapping, checked to be finite and copied into its parameter, one tensor at a time.
 */
public final class WeightCopy {

    /** Names listed per kind of problem in a refusal; the count says how many more there are. */
    private static final int LISTED = 6;

    private WeightCopy() {}

    /**
     * The key prefix the model sits under: the part before {@code anchor} (a key every checkpoint of
     * the family has, e.g. {@code encoder.conv_in.weight}): "" for the published files,
     * {@code first_stage_model.} inside a taming transformer, {@code module.} from DistributedDataParallel.
     *
     * @throws ImportException when no key, or more than one, ends with the anchor
     */
    public static String prefix(StateDict sd, String anchor, String family) throws ImportException {
        List<String> found = new ArrayList<>();
        for (String k : sd.tensors().keySet()) {
            if (k.equals(anchor) || k.endsWith("." + anchor)) {
                found.add(k.substring(0, k.length() - anchor.length()));
            }
        }
        if (found.size() != 1) {
            throw new ImportException(sd.file(), found.isEmpty()
                    ? "is not a " + family + " checkpoint: it has no weight '" + anchor + "' (its weights start with "
                            + sd.prefixes().keySet() + ")"
                    : "holds " + found.size() + " models (weights '" + anchor + "' under " + found + "); extract one first");
        }
        return found.get(0);
    }

    /**
     * Copies the weights under {@code prefix} into {@code module}'s parameters.
     *
     * @param ignored keys (prefix removed) that are in the file but not part of the model
     * @throws ImportException naming missing and unexpected weights with their shapes, shape
     *                         mismatches, or a weight holding a NaN or an infinity
     * @throws IOException     when a weight cannot be read from the file (a {@code TorchFileException})
     */
    public static void copy(StateDict sd, String prefix, Module module, Predicate<String> ignored, String family)
            throws IOException {
        Map<String, NDArray> params = module.parameters();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), shapes = new ArrayList<>();
        for (Map.Entry<String, NDArray> p : params.entrySet()) {
            TensorRef t = sd.tensors().get(prefix + p.getKey());
            long[] want = p.getValue().getShape().getShape();
            if (t == null) {
                missing.add(p.getKey() + " " + Arrays.toString(want));
            } else if (!Arrays.equals(t.shape(), want)) {
                shapes.add(p.getKey() + " is " + Arrays.toString(t.shape()) + " in the file, " + Arrays.toString(want) + " in the model");
            }
        }
        for (Map.Entry<String, TensorRef> e : sd.tensors().entrySet()) {
            String key = e.getKey();
            if (key.startsWith(prefix) && !params.containsKey(key.substring(prefix.length()))
                    && !ignored.test(key.substring(prefix.length()))) {
                unexpected.add(key + " " + Arrays.toString(e.getValue().shape()));
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !shapes.isEmpty()) {
            List<String> parts = new ArrayList<>();
            listed(parts, "missing", missing);
            listed(parts, "unexpected", unexpected);
            listed(parts, "wrong shape", shapes);
            throw new ImportException(sd.file(), "does not fit the " + family + " its spec describes: " + String.join("; ", parts));
        }
        try (NoGrad noGrad = NoGrad.enter()) {
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                NDArray param = p.getValue();
                try (NDManager tmp = param.getManager().newSubManager()) {
                    NDArray w = sd.tensors().get(prefix + p.getKey()).toNDArray(tmp);
                    if (w.getDataType() != DataType.FLOAT32) {
                        w = w.toType(DataType.FLOAT32, false);
                    }
                    if (w.isNaN().any().getBoolean() || w.isInfinite().any().getBoolean()) {
                        throw new ImportException(sd.file(), "weight '" + prefix + p.getKey() + "' holds a NaN or an infinity");
                    }
                    param.set(w.toByteBuffer());
                }
            }
        }
    }

    private static void listed(List<String> parts, String kind, List<String> names) {
        if (names.isEmpty()) {
            return;
        }
        String shown = String.join(", ", names.subList(0, Math.min(LISTED, names.size())));
        parts.add(kind + " " + names.size() + " (" + shown + (names.size() > LISTED ? ", ..." : "") + ")");
    }
}
