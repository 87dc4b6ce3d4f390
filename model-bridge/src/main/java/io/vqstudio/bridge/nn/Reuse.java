package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Element-wise steps that write their result into an intermediate the caller has just made and
 * will not read again, when no gradient is recorded (inference, {@link NoGrad}); under gradient
 * recording they allocate as usual, since autograd may keep the intermediate for the backward pass.
 *
 * <p>Why: at 256 px a feature map of 128 channels is 32 MiB, and libtorch gets an array that large
 * fresh from the operating system each time, so a new array costs its page faults (about ten times
 * the arithmetic of an add). The results are the same bits as the allocating versions: each step
 * is the same single operation, with commutative operands swapped at most.
 */
public final class Reuse {

    private Reuse() {}

    /** Whether steps may write into their first operand: no gradient is being recorded. */
    public static boolean inPlace() {
        return !JniUtils.isGradMode();
    }

    /** {@code fresh + other}, written into {@code fresh} under inference; broadcasting must keep fresh's shape. */
    public static NDArray add(NDArray fresh, NDArray other) {
        return inPlace() ? fresh.addi(other) : fresh.add(other);
    }

    /** {@code fresh * other}, written into {@code fresh} under inference; broadcasting must keep fresh's shape. */
    public static NDArray mul(NDArray fresh, NDArray other) {
        return inPlace() ? fresh.muli(other) : fresh.mul(other);
    }

    /** {@code fresh * c} (as {@link Scalars#mul}), written into {@code fresh} under inference. */
    public static NDArray scale(NDArray fresh, double c) {
        if (!inPlace()) {
            return Scalars.mul(fresh, c);
        }
        try (NDArray constant = fresh.getManager().full(new ai.djl.ndarray.types.Shape(), (float) c, fresh.getDataType())) {
            return fresh.muli(constant);
        }
    }
}
