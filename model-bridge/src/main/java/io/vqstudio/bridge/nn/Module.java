package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A named tree of parameters, shaped like PyTorch's {@code nn.Module}: every parameter has a
 * dotted path ({@code encoder.blocks.0.attn.qkv.weight}) that is its name in checkpoints, so our
 * safetensors files open in the Python ecosystem with familiar names.
 *
 * <p>Forward passes are plain typed methods on the subclasses, not {@code NDList -> NDList}:
 * a quantizer returns a record, a decoder takes indices. Parameters live in the model's manager;
 * every forward expression starts from the input (never from a parameter), so its results
 * belong to the caller's per-step manager and are freed with it.
 */
public abstract class Module {

    private final Map<String, NDArray> params = new LinkedHashMap<>();
    private final Map<NDArray, NDArray> castCopies = new java.util.IdentityHashMap<>();
    private final Map<String, NDArray> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();

    /** Registers a trainable parameter (gradients attached). */
    protected final NDArray param(String name, NDArray value) {
        value.setName(name);
        value.setRequiresGradient(true);
        params.put(name, value);
        return value;
    }

    /**
     * Registers saved state that is not trained (BatchNorm's running statistics): it belongs in
     * checkpoints, like PyTorch's buffers, but never gets a gradient or an optimizer update.
     */
    protected final NDArray buffer(String name, NDArray value) {
        value.setName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a sub-module under {@code name}. */
    protected final <M extends Module> M child(String name, M module) {
        children.put(name, module);
        return module;
    }

    /** Every parameter of this tree, by dotted path, in registration order. */
    public final Map<String, NDArray> parameters() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        collect("", out, false);
        return out;
    }

    /** Every buffer (saved, non-trainable state) of this tree, by dotted path; empty for most modules. */
    public final Map<String, NDArray> buffers() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        collect("", out, true);
        return out;
    }

    private void collect(String prefix, Map<String, NDArray> out, boolean wantBuffers) {
        (wantBuffers ? buffers : params).forEach((k, v) -> out.put(prefix + k, v));
        children.forEach((k, m) -> m.collect(prefix + k + ".", out, wantBuffers));
    }

    public final long parameterCount() {
        return parameters().values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * The parameter in {@code x}'s floating type: itself when they match, else a copy made once and
     * kept beside the parameter (float16 inference). Only inference models run in float16, and their
     * weights never change, so the copies never go stale.
     */
    protected final NDArray like(NDArray param, NDArray x) {
        if (param == null || param.getDataType() == x.getDataType()) {
            return param;
        }
        return castCopies.computeIfAbsent(param, p -> p.toType(x.getDataType(), true));
    }

    /** Runs {@code op} in float32 when {@code x} is float16 (norms, softmax), returning x's type. */
    protected static NDArray inFloat32(NDArray x, java.util.function.UnaryOperator<NDArray> op) {
        if (x.getDataType() != ai.djl.ndarray.types.DataType.FLOAT16) {
            return op.apply(x);
        }
        return op.apply(x.toType(ai.djl.ndarray.types.DataType.FLOAT32, false))
                .toType(ai.djl.ndarray.types.DataType.FLOAT16, false);
    }

    /**
     * A parameter reshaped for broadcasting, owned by {@code like}'s manager: an expression that
     * starts from a parameter would otherwise land in the model's manager and leak every step.
     */
    protected static NDArray view(NDArray param, NDArray like, long... shape) {
        NDArray v = param.reshape(shape);
        v.attach(like.getManager());
        return v;
    }
}
