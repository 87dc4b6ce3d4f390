package io.vqstudio.bridge;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import io.vqstudio.bridge.nn.NoGrad;
import io.vqstudio.bridge.runtime.DeviceChoice;
import io.vqstudio.bridge.runtime.EngineRuntime;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The engine as the suite runs it (CPU, one thread), with a manager for a test class
 * ({@link #perClass()}, registered on a static field) or for each test ({@link #perTest(int)},
 * seeded, on an instance field); optionally without gradient recording.
 */
public final class TestEngine implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final boolean perTest;
    private final Integer seed;
    private final boolean noGrad;
    private NDManager manager;
    private NoGrad gradOff;

    private TestEngine(boolean perTest, Integer seed, boolean noGrad) {
        this.perTest = perTest;
        this.seed = seed;
        this.noGrad = noGrad;
    }

    public static TestEngine perClass() {
        return new TestEngine(false, null, false);
    }

    public static TestEngine perTest(int seed) {
        return new TestEngine(true, seed, false);
    }

    /** The same, with gradient recording off for the test's duration (inference tests). */
    public TestEngine withoutGradients() {
        return new TestEngine(perTest, seed, true);
    }

    public NDManager manager() {
        return manager;
    }

    /** Starts the CPU engine with one thread (what every engine test needs, manager or not). */
    public static EngineRuntime start() {
        return EngineRuntime.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU));
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (!perTest) {
            open();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!perTest) {
            close();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (perTest) {
            open();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (perTest) {
            close();
        }
    }

    private void open() {
        start();
        if (seed != null) {
            Engine.getInstance().setRandomSeed(seed);
        }
        manager = NDManager.newBaseManager();
        gradOff = noGrad ? NoGrad.enter() : null;
    }

    private void close() {
        if (gradOff != null) {
            gradOff.close();
        }
        manager.close();
    }
}
