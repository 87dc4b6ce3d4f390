package io.vqstudio.app;

import io.vqstudio.bridge.runtime.EngineRuntime;
import javafx.application.Application;

/**
 * Launches the studio from a plain classpath (an app image, {@code java -cp}): a main class that
 * extends {@code Application} fails there with "JavaFX runtime components are missing".
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        EngineRuntime.configureOffline();
        Application.launch(StudioApp.class, args);
    }
}
