package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/** y = x W^T + b over the last axis: (..., in) -> (..., out). Weight (out, in), as in PyTorch. */
public final class Linear extends Module {

    private final NDArray weight;
    private final NDArray bias;
    private NDArray biasColumn;   // (out, 1) view of the bias, made at the first forwardRows
    public final int in;
    public final int out;

    public Linear(NDManager m, int in, int out, boolean bias, float std) {
        this.in = in;
        this.out = out;
        this.weight = param("weight", Init.normal(m, std, out, in));
        this.bias = bias ? param("bias", Init.zeros(m, out)) : null;
    }

    public Linear(NDManager m, int in, int out) {
        this(m, in, out, true, 0.02f);
    }

    public NDArray forward(NDArray x) {
        return ai.djl.nn.core.Linear.linear(x, like(weight, x), like(bias, x)).singletonOrThrow();
    }

    /**
     * The same map for a few rows, (B, in) -> (B, out), computed as (W x^T)^T: one decoding step of
     * a handful of sequences (guidance doubles one). {@code x W^T} at two rows runs as a product with
     * the weight as the narrow operand, which costs as much as two single-row passes over the weight;
     * with the weight as the wide operand the rows share one pass (half the time or better at the
     * widths of our priors and LlamaGen's). The result is a transposed view, (B, out), owned by x's
     * manager; values differ from {@link #forward} by float rounding only. One row, or many, take
     * {@link #forward}.
     */
    public NDArray forwardRows(NDArray x) {
        long rows = x.getShape().get(0);
        if (rows == 1 || rows > FEW_ROWS || x.getShape().dimension() != 2) {
            return forward(x);
        }
        NDArray y;                                                       // (out, B)
        try (NDArray columns = x.transpose()) {                          // (in, B) view
            y = like(weight, x).matMul(columns);
        }
        y.attach(x.getManager());                                        // it began in the weight's manager
        if (bias != null) {
            if (biasColumn == null) {
                try (NoGrad noGrad = NoGrad.enter()) {
                    biasColumn = bias.reshape(out, 1);                   // a view: it follows the parameter's updates
                }
            }
            y.addi(like(biasColumn, x));                                 // + (out, 1)
        }
        return y.transpose();                                            // (B, out) view
    }

    /**
     * x (B, n) laid out row by row: {@link #forwardRows} gives a transposed view, and an element-wise
     * result keeps its input's layout; the next forwardRows reads row-major rows several times faster
     * than columns (the weight-wide product wants its narrow operand transposed), so an activation
     * between two of them is copied into rows once. Row-major input passes through as a view.
     */
    public static NDArray rows(NDArray x) {
        Shape s = x.getShape();
        return x.flatten().reshape(s);
    }

    /** Rows up to which {@link #forwardRows} takes the weight as the wide operand. */
    static final int FEW_ROWS = 4;

    public NDArray weight() {
        return weight;
    }
}
