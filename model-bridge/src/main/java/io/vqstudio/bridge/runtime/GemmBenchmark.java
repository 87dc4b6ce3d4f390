package io.vqstudio.bridge.runtime;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Measures the machine's fp32 matrix-multiply rate: the ceiling every benchmark reports its model
 * FLOP/s against (MFU = achieved FLOP/s / this).
 */
public final class GemmBenchmark {

    private GemmBenchmark() {}

    /** Best of {@code repeats} timed n x n x n products after two warm-ups, in GFLOP/s. */
    public static double measureGflops(Device device, int n, int repeats) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            NDArray a = m.randomNormal(new Shape(n, n), DataType.FLOAT32);
            NDArray b = m.randomNormal(new Shape(n, n), DataType.FLOAT32);
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeats + 2; i++) {
                try (NDManager step = m.newSubManager()) {
                    NDArray a1 = a.duplicate();
                    a1.attach(step);
                    long t0 = System.nanoTime();
                    NDArray c = a1.matMul(b);
                    c.toType(DataType.FLOAT32, false).getFloat(0, 0); // forces completion on any device
                    double s = (System.nanoTime() - t0) / 1e9;
                    if (i >= 2) {
                        best = Math.min(best, s);
                    }
                }
            }
            return 2.0 * n * n * n / best / 1e9;
        }
    }
}
