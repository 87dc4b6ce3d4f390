package io.vqstudio.app;

import io.vqstudio.bridge.api.VqBridge;
import javafx.application.Application;

/**
 * Launches the studio from a plain classpath (an app image, {@code java -cp}): a main class that
 * extends {@code Application} fails there with "JavaFX runtime components are missing".
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        VqBridge.configureOffline();
        Application.launch(StudioApp.class, args);
    }
}
