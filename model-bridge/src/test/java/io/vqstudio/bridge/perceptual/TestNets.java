package io.vqstudio.bridge.perceptual;

import io.vqstudio.bridge.TestEngine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vqstudio.bridge.runtime.EngineRuntime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/** The engine, generated images and generated Tiny Darknet weights shared by this package's tests. */
final class TestNets {

    private static NDManager manager;

    private TestNets() {}

    /** One CPU manager for the test JVM, on a 1-thread engine; tests scope their own work under it. */
    static synchronized NDManager manager() {
        if (manager == null) {
            EngineRuntime rt = TestEngine.start();
            manager = NDManager.newBaseManager(rt.device());
        }
        return manager;
    }

    /** Random images (B, 3, H, W) in [0, 1] from a seeded Java generator. */
    static NDArray images01(NDManager m, long seed, int b, int h, int w) {
        Random r = new Random(seed);
        float[] v = new float[b * 3 * h * w];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextFloat();
        }
        return m.create(v, new Shape(b, 3, h, w));
    }

    /** Every Tiny Darknet tensor in Keras layout, random, with a non-trivial BatchNorm. */
    static Map<String, float[]> randomKeras(long seed) {
        Random r = new Random(seed);
        Map<String, float[]> w = new LinkedHashMap<>();
        TinyDarknet.kerasShapes().forEach((name, shape) -> {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            float[] v = new float[(int) n];
            for (int i = 0; i < v.length; i++) {
                v[i] = name.endsWith("/moving_variance") ? 0.5f + r.nextFloat() : (float) (r.nextGaussian() * 0.2);
            }
            w.put(name, v);
        });
        return w;
    }
}
