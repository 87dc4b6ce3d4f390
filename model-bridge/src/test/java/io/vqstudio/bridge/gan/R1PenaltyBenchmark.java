package io.vqstudio.bridge.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import io.vqstudio.bridge.runtime.DeviceChoice;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.runtime.MemoryProbe;
import io.vqstudio.bridge.runtime.RuntimeSpec;

/**
 * Prints what R1 adds to a discriminator step: B = 8 real and 8 fake 64x64 images through
 * {@link StyleGanDiscriminator#forResolution}, logistic loss, backward, with and without the
 * penalty. Not a test (speed is printed, never asserted). Run with the test classpath:
 * {@code java -cp ... io.vqstudio.bridge.gan.R1PenaltyBenchmark [threads] [steps]}.
 */
public final class R1PenaltyBenchmark {

    private R1PenaltyBenchmark() {}

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        EngineRuntime.start(RuntimeSpec.defaults().withThreads(threads).withDevice(DeviceChoice.CPU));
        try (NDManager m = NDManager.newBaseManager(); InputGradient grad = InputGradient.load(m)) {
            StyleGanDiscriminator d = StyleGanDiscriminator.forResolution(m, 64);
            R1Penalty r1 = new R1Penalty(grad, 1f);
            System.out.printf("D: %,d parameters, %d thread(s)%n", d.parameterCount(), threads);
            for (R1Penalty penalty : new R1Penalty[] {null, r1, null, r1}) {   // second round is the one to read
                double ms = step(m, d, penalty, steps);
                System.out.printf("%-12s %7.1f ms/step   RSS %s%n", penalty == null ? "D step" : "D step + R1",
                        ms, MemoryProbe.mib(MemoryProbe.rssBytes()));
            }
        }
    }

    /** Mean wall time of one D step over {@code steps} after two warm-ups. */
    private static double step(NDManager m, StyleGanDiscriminator d, R1Penalty r1, int steps) {
        long total = 0;
        for (int i = 0; i < steps + 2; i++) {
            try (NDManager s = m.newSubManager()) {
                NDArray real = s.randomUniform(-1f, 1f, new Shape(8, 3, 64, 64));
                NDArray fake = s.randomUniform(-1f, 1f, new Shape(8, 3, 64, 64));
                real.setRequiresGradient(r1 != null);
                long t0 = System.nanoTime();
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray realLogits = d.forward(real);
                    NDArray loss = GanLosses.logisticD(realLogits, d.forward(fake));
                    gc.backward(r1 == null ? loss : loss.add(r1.compute(realLogits, real)));
                }
                d.parameters().values().forEach(p -> JniUtils.zeroGrad((PtNDArray) p));
                if (i >= 2) {
                    total += System.nanoTime() - t0;
                }
            }
        }
        return total / 1e6 / steps;
    }
}
