package io.vqstudio.bridge.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** 2-D convolution, (B, Cin, H, W) -> (B, Cout, H', W'). Weight (Cout, Cin, k, k), as in PyTorch. */
public final class Conv2d extends Module {

    /** oneDNN's vector kernels block channels by 16: counts off the block go wrong (see {@link #conv2d}). */
    private static final int CHANNEL_BLOCK = 16;
    private static final Shape NO_DILATION = new Shape(1, 1);

    private final NDArray weight;
    private final NDArray bias;
    private final Shape stride;
    private final Shape padding;

    public Conv2d(NDManager m, int in, int out, int kernel, int stride, int padding, boolean bias) {
        long fanIn = (long) in * kernel * kernel;
        this.weight = param("weight", Init.kaimingUniform(m, fanIn, out, in, kernel, kernel));
        this.bias = bias ? param("bias", Init.kaimingUniform(m, fanIn, out)) : null;
        this.stride = new Shape(stride, stride);
        this.padding = new Shape(padding, padding);
    }

    public NDArray forward(NDArray x) {
        return conv2d(x, like(weight, x), like(bias, x), stride, padding);
    }

    public NDArray weight() {
        return weight;
    }

    /**
     * x (B, Cin, H, W), w (Cout, Cin, kh, kw), b (Cout) or null -> (B, Cout, H', W'): libtorch's
     * convolution, with zero channels added where its oneDNN kernels go wrong. On some CPUs (README,
     * Development notes) libtorch 2.7.1 reads uninitialised memory in the kernels for channel counts that are not a
     * multiple of oneDNN's 16-channel blocks: with Cout not a multiple of 16 (and a batch of more
     * than one) the input gradient is wrong, NaN at times, and with Cin above 16 but not a multiple
     * of it (StyleGAN's 257-channel epilogue) the output is NaN whenever the allocator hands back
     * memory that held a NaN. Zero filters pad Cout, zero channels pad such a Cin, and the extra
     * outputs are dropped, which leaves values and gradients exact (Conv2dTest checks both).
     */
    public static NDArray conv2d(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding) {
        Shape f = w.getShape();
        long out = f.get(0), in = f.get(1);
        long extraOut = tail(out), extraIn = in > CHANNEL_BLOCK ? tail(in) : 0;
        // The zeros come first so that the padded arrays belong to x's manager, not the model's.
        NDManager m = x.getManager();
        if (extraIn > 0) {
            Shape s = x.getShape();
            x = m.zeros(new Shape(s.get(0), extraIn, s.get(2), s.get(3)), x.getDataType()).concat(x, 1);
            w = m.zeros(new Shape(out, extraIn, f.get(2), f.get(3)), w.getDataType()).concat(w, 1);
        }                                                                      // (B, Cin', H, W), (Cout, Cin', kh, kw)
        if (extraOut > 0) {
            w = m.zeros(new Shape(extraOut, in + extraIn, f.get(2), f.get(3)), w.getDataType()).concat(w, 0);
            b = b == null ? null : m.zeros(new Shape(extraOut), b.getDataType()).concat(b, 0);
        }                                                                      // (Cout', Cin', kh, kw)
        NDArray y = ai.djl.nn.convolutional.Conv2d.conv2d(x, w, b, stride, padding, NO_DILATION)
                .singletonOrThrow();                                           // (B, Cout', H', W')
        return extraOut > 0 ? y.get(new NDIndex(":, {}:", extraOut)) : y;      // (B, Cout, H', W')
    }

    /** Channels to add to {@code channels} to reach a multiple of the block. */
    private static long tail(long channels) {
        return (CHANNEL_BLOCK - channels % CHANNEL_BLOCK) % CHANNEL_BLOCK;
    }
}
