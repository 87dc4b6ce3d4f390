package io.vqstudio.bridge.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * d(sum(out))/dx as a differentiable array: libtorch's {@code torch.autograd.grad(create_graph=True)},
 * which DJL's Java API lacks, run from a tiny TorchScript module ({@code input_gradient.pt},
 * written by {@code src/main/python/make_input_gradient.py}). It backs both the R1 penalty (a
 * gradient that is itself trained through) and the adaptive GAN weight (the gradient of a loss with
 * respect to one parameter, without touching any parameter's {@code .grad}).
 *
 * <p>Why not DJL: {@code JniUtils.backward(..., createGraph=true)} gives the same numbers but leaks
 * native memory every call, and a plain backward accumulates into every parameter upstream.
 * {@code torch.autograd.grad} only walks the graph between {@code out} and {@code x} and returns
 * the gradient instead of storing it.
 *
 * <p>Call it inside an open {@code GradientCollector} (grad mode on), with {@code x} a parameter
 * or an array on which {@code setRequiresGradient(true)} was called before {@code out} was
 * computed from it. The module is called through {@code Block.forward(..., training=true)}: DJL's
 * {@code runMethod} would run it in inference mode, where there is no graph to differentiate.
 * Needs the PyTorch engine (its manager and module types).
 */
public final class InputGradient implements AutoCloseable {

    static final String RESOURCE = "input_gradient.pt";

    private final PtSymbolBlock module;
    private final ParameterStore store;

    private InputGradient(PtSymbolBlock module, ParameterStore store) {
        this.module = module;
        this.store = store;
    }

    /** Loads the module from the classpath onto {@code manager}'s device; close it when done. */
    public static InputGradient load(NDManager manager) {
        try (InputStream in = InputGradient.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, in, true, false);
            return new InputGradient(block, new ParameterStore(manager, false));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * out (any shape, computed from x) and x (any shape) -> d(sum(out))/dx, shaped like x, owned by
     * out's manager and still attached to the graph: a loss built from it back-propagates into
     * whatever produced {@code out} (its second derivatives).
     */
    public NDArray of(NDArray out, NDArray x) {
        if (!JniUtils.isGradMode()) {
            throw new IllegalStateException("input gradients need grad mode: open a GradientCollector first");
        }
        if (!x.hasGradient()) {
            throw new IllegalArgumentException(
                    "x does not require a gradient: call setRequiresGradient(true) before computing from it");
        }
        // DJL's TorchScript bridge reads dotted names (parameter paths) as tuple/dict packing hints.
        String outName = out.getName();
        String xName = x.getName();
        out.setName(null);
        x.setName(null);
        try {
            return module.forward(store, new NDList(out, x), true).singletonOrThrow();
        } finally {
            out.setName(outName);
            x.setName(xName);
        }
    }

    @Override
    public void close() {
        module.close();
    }
}
