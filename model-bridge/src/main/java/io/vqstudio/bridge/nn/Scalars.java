package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication and division by a constant that stay correct under gradient recording. Use
 * these, not {@code x.mul(2f)} or {@code x.div(c)}, on anything that needs a gradient.
 *
 * <p>DJL's {@code mul(Number)} and {@code div(Number)} wrap the number in a 0-d tensor over a Java
 * direct buffer and close it straight away; torch's autograd keeps that tensor for the backward
 * pass (d(x c)/dx = c) without owning its memory. A garbage collection between forward and
 * backward frees the buffer, and the gradient then reads whatever was allocated there next
 * (seen as training runs that differ in the fifth digit or jump; {@code ScalarsTest} shows it).
 * Here the constant is a torch-allocated tensor, reference-counted by the graph. {@code add} and
 * {@code sub} of a number are safe as they are: their backward pass does not read the number.
 */
public final class Scalars {

    private Scalars() {}

    /** x * c, c as a 0-d tensor of x's type in x's manager. */
    public static NDArray mul(NDArray x, double c) {
        return x.mul(constant(x, c));
    }

    /** x / c, c as a 0-d tensor of x's type in x's manager. */
    public static NDArray div(NDArray x, double c) {
        return x.div(constant(x, c));
    }

    private static NDArray constant(NDArray like, double c) {
        return like.getManager().full(new Shape(), (float) c, like.getDataType());
    }
}
