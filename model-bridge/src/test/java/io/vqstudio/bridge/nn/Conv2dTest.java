package io.vqstudio.bridge.nn;

import io.vqstudio.bridge.TestEngine;
import org.junit.jupiter.api.extension.RegisterExtension;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * Convolution values and gradients against a direct sum in float64, for channel counts on both
 * sides of oneDNN's 16-channel blocks, over memory that held NaN: on AMD Zen 5, libtorch 2.7.1
 * gets the input gradient wrong for 1, 3, 8 and 24 output channels and returns NaN for 24 or 257
 * input channels unless {@link Conv2d#conv2d} pads them.
 */
class Conv2dTest {

    @RegisterExtension
    final TestEngine engine = TestEngine.perTest(3);

    @Test
    void gradientsMatchADirectSumForAnyNumberOfOutputChannels() {
        for (int out : new int[] {1, 3, 8, 16, 24}) {
            check(2, 4, out, 8, 3, 1, 1);
        }
        check(3, 5, 3, 9, 4, 2, 1);                  // PatchGAN's kernel 4, stride 2
        check(2, 8, 8, 9, 3, 2, 0);                  // the CNN encoder's down-sampling conv
    }

    @Test
    void inputChannelsPastABlockGiveExactValuesOnMemoryThatHeldNaN() {
        check(4, 24, 16, 4, 3, 1, 1);
        check(4, 257, 32, 4, 3, 1, 1);               // StyleGAN's epilogue: 256 + the minibatch std
    }

    /** B images of C channels, side n; O filters of side k. */
    private void check(int b, int c, int o, int n, int k, int stride, int pad) {
        try (NDManager step = engine.manager().newSubManager()) {
            NDArray x = step.randomUniform(-1f, 1f, new Shape(b, c, n, n));
            NDArray w = step.randomUniform(-0.5f, 0.5f, new Shape(o, c, k, k));
            NDArray bias = step.randomUniform(-0.5f, 0.5f, new Shape(o));
            int m = (n + 2 * pad - k) / stride + 1;
            NDArray r = step.randomUniform(-1f, 1f, new Shape(b, o, m, m));    // the loss is sum(y * r)
            x.setRequiresGradient(true);
            w.setRequiresGradient(true);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                freeNaNs(step);
                y = Conv2d.conv2d(x, w, bias, new Shape(stride, stride), new Shape(pad, pad));
                freeNaNs(step);
                gc.backward(y.mul(r).sum());
            }
            float[] xs = x.toFloatArray(), ws = w.toFloatArray(), bs = bias.toFloatArray(), rs = r.toFloatArray();
            double[] ys = new double[b * o * m * m], dx = new double[xs.length], dw = new double[ws.length];
            for (int bi = 0; bi < b; bi++) for (int oi = 0; oi < o; oi++) for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) {
                int yi = ((bi * o + oi) * m + i) * m + j;
                ys[yi] = bs[oi];
                for (int ci = 0; ci < c; ci++) for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) {
                    int row = i * stride + u - pad, col = j * stride + v - pad;
                    if (row < 0 || row >= n || col < 0 || col >= n) {
                        continue;
                    }
                    int xi = ((bi * c + ci) * n + row) * n + col, wi = ((oi * c + ci) * k + u) * k + v;
                    ys[yi] += (double) ws[wi] * xs[xi];
                    dx[xi] += (double) ws[wi] * rs[yi];
                    dw[wi] += (double) xs[xi] * rs[yi];
                }
            }
            String what = "B" + b + " C" + c + " O" + o + " k" + k + " s" + stride;
            assertThat(y.getShape()).isEqualTo(new Shape(b, o, m, m));
            assertThat(toDouble(y.toFloatArray())).as(what + " values").containsExactly(ys, within(1e-4));
            assertThat(toDouble(x.getGradient().toFloatArray())).as(what + " input gradient").containsExactly(dx, within(1e-4));
            assertThat(toDouble(w.getGradient().toFloatArray())).as(what + " weight gradient").containsExactly(dw, within(1e-3));
        }
    }

    /** Leaves NaN in the memory the allocator hands out next, as a long training run does by chance. */
    private static void freeNaNs(NDManager step) {
        for (long size = 16; size <= 1 << 16; size *= 4) {
            try (NDManager scratch = step.newSubManager()) {
                scratch.full(new Shape(size), Float.NaN);
            }
        }
    }

    private static double[] toDouble(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i];
        }
        return d;
    }
}
