package io.vqstudio.bridge.enhancing;

import io.vqstudio.bridge.imports.ImportException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.Module;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.torchsave.TensorRef;
import io.vqstudio.bridge.torchsave.TorchFileException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A checkpoint's weights into a module built from a spec, key by key: every parameter must be in
 * the file with its shape and a floating type, and every weight of the file must be a parameter;
 * otherwise one line lists what is missing, unexpected and of the wrong shape (the first few of each,
 * with shapes). Values are copied straight from the file's mapping into the parameters' native
 * memory, tensor by tensor, and must be finite.
 */
final class WeightCopy {

    private static final int LISTED = 4;

    private WeightCopy() {}

    static void into(Module model, Map<String, TensorRef> weights, String what) throws ImportException, TorchFileException {
        Map<String, NDArray> params = model.parameters();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), wrong = new ArrayList<>();
        for (Map.Entry<String, NDArray> p : params.entrySet()) {
            TensorRef t = weights.get(p.getKey());
            long[] want = p.getValue().getShape().getShape();
            if (t == null) {
                missing.add(CheckpointKeys.describe(p.getKey(), want));
            } else if (!Arrays.equals(t.shape(), want)) {
                wrong.add(p.getKey() + " is " + Arrays.toString(t.shape()) + " not " + Arrays.toString(want));
            } else if (!t.dtype().isFloating()) {
                wrong.add(p.getKey() + " is " + t.dtype() + ", not floating-point");
            }
        }
        for (Map.Entry<String, TensorRef> w : weights.entrySet()) {
            if (!params.containsKey(w.getKey())) {
                unexpected.add(CheckpointKeys.describe(w.getKey(), w.getValue().shape()));
            }
        }
        if (!missing.isEmpty() || !unexpected.isEmpty() || !wrong.isEmpty()) {
            StringBuilder msg = new StringBuilder("the weights do not fit " + what + ":");
            list(msg, "missing", missing);
            list(msg, "unexpected", unexpected);
            list(msg, "wrong", wrong);
            msg.setLength(msg.length() - 1); // the last ';'
            throw new ImportException(msg.toString());
        }
        try (NoGrad noGrad = NoGrad.enter()) {
            for (Map.Entry<String, NDArray> p : params.entrySet()) {
                NDArray param = p.getValue();
                try (NDManager tmp = param.getManager().newSubManager()) {
                    NDArray value = weights.get(p.getKey()).toNDArray(tmp);
                    if (!value.isInfinite().logicalOr(value.isNaN()).none().getBoolean()) {
                        throw new ImportException("weight '" + p.getKey() + "' holds NaN or infinite values");
                    }
                    value.copyTo(param);
                }
            }
        }
    }

    private static void list(StringBuilder msg, String label, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        msg.append(' ').append(label).append(' ').append(items.size()).append(" (")
                .append(String.join(", ", items.subList(0, Math.min(LISTED, items.size()))))
                .append(items.size() > LISTED ? ", ...)" : ")").append(';');
    }
}
