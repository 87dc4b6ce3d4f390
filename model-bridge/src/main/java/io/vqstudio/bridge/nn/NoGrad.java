package io.vqstudio.bridge.nn;

import ai.djl.pytorch.jni.JniUtils;

/**
 * A region without gradient recording (torch.no_grad): optimiser updates, weight loading and
 * inference. In-place updates of parameters are only legal here, and inference is cheaper.
 * Restores the previous mode on close, so regions nest.
 */
public final class NoGrad implements AutoCloseable {

    private final boolean previous;

    private NoGrad() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    public static NoGrad enter() {
        return new NoGrad();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
