package io.vqstudio.bridge;

import io.vqstudio.bridge.api.VqBridge;
import io.vqstudio.bridge.runtime.DeviceChoice;
import io.vqstudio.bridge.runtime.RuntimeSpec;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The bridge as the suite runs it (CPU, one engine thread), started once for a test class:
 * register it on a static field with {@code @RegisterExtension}.
 */
public final class TestBridge implements BeforeAllCallback, AfterAllCallback {

    private VqBridge bridge;

    public VqBridge bridge() {
        return bridge;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        bridge = VqBridge.start(RuntimeSpec.defaults().withThreads(1).withDevice(DeviceChoice.CPU));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        bridge.close();
    }
}
