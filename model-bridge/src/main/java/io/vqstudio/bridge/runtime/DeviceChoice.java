package io.vqstudio.bridge.runtime;

import java.util.Locale;

/** Where the engine should run: {@code AUTO} takes a GPU when the engine finds one, else the CPU. */
public enum DeviceChoice {
    AUTO, CPU, GPU;

    public static DeviceChoice parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown device '" + s + "': use auto, cpu or gpu.");
        }
    }
}
