package io.vqstudio.bridge.imports;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.InPlace;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.torchsave.StateDict;
import io.vqstudio.bridge.torchsave.TensorRef;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Loads a PyTorch state dict into a {@link Module} whose parameter names are the state dict's keys,
 * name by name, as {@code load_state_dict(strict=True)} does: every parameter must have a weight of
 * its shape and a floating type, and every weight a parameter, except those the family says to
 * ignore (training-only entries). Nothing is copied until all names and shapes agree; then each
 * weight is read from the file's mapping, upcast to float32, checked to be finite and copied into
 * its parameter, one tensor at a time.
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

    /** The weights under {@code prefix}, by their names without it, in file order. */
    public static Map<String, TensorRef> under(StateDict sd, String prefix) {
        Map<String, TensorRef> out = new LinkedHashMap<>();
        sd.tensors().forEach((k, t) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), t);
            }
        });
        return out;
    }

    /**
     * Copies {@code weights} (by parameter name) into {@code module}'s parameters.
     *
     * @param file    the checkpoint, named in refusals
     * @param ignored names that are in the file but not part of the model
     * @param what    what the weights must fit, for the refusal ("the taming VQGAN its spec describes")
     * @throws ImportException naming missing and unexpected weights with their shapes, shape or type
     *                         mismatches, or a weight holding a NaN or an infinity
     * @throws IOException     when a weight cannot be read from the file (a {@code TorchFileException})
     */
    public static void copy(Path file, Map<String, TensorRef> weights, Module module, Predicate<String> ignored, String what)
            throws IOException {
        Map<String, NDArray> params = module.parameters();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), wrong = new ArrayList<>();
        for (Map.Entry<String, NDArray> p : params.entrySet()) {
            TensorRef t = weights.get(p.getKey());
            long[] want = p.getValue().getShape().getShape();
            if (t == null) {
                missing.add(p.getKey() + " " + Arrays.toString(want));
            } else if (!Arrays.equals(t.shape(), want)) {
                wrong.add(p.getKey() + " is " + Arrays.toString(t.shape()) + " in the file, " + Arrays.toString(want) + " in the model");
            } else if (!t.dtype().isFloating()) {
                wrong.add(p.getKey() + " is " + t.dtype() + ", not floating-point");
            }
        }
        weights.forEach((key, t) -> {
            if (!params.containsKey(key) && !ignored.test(key)) {
                unexpected.add(key + " " + Arrays.toString(t.shape()));
            }
        });
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrong.isEmpty()) {
            List<String> parts = new ArrayList<>();
            listed(parts, "missing", missing);
            listed(parts, "unexpected", unexpected);
            listed(parts, "wrong shape", wrong);
            throw new ImportException(file, "does not fit " + what + ": " + String.join("; ", parts));
        }
        try (NoGrad noGrad = NoGrad.enter()) {
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                NDArray param = p.getValue();
                try (NDManager tmp = param.getManager().newSubManager()) {
                    NDArray w = weights.get(p.getKey()).toNDArray(tmp);
                    if (w.getDataType() != DataType.FLOAT32) {
                        w = w.toType(DataType.FLOAT32, false);
                    }
                    if (w.isNaN().any().getBoolean() || w.isInfinite().any().getBoolean()) {
                        throw new ImportException(file, "weight '" + p.getKey() + "' holds a NaN or an infinity");
                    }
                    InPlace.set(param, w);
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
