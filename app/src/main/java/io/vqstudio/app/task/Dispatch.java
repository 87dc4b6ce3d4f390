package io.vqstudio.app.task;

/**
 * Where view-model work runs: {@link #ui} on the UI thread (JavaFX's in the app), {@link #background}
 * off it (file reading, metrics). {@link #direct()} runs both at once on the caller's thread, which
 * makes view-model tests deterministic and free of any FX thread.
 */
public interface Dispatch {

    void ui(Runnable task);

    void background(Runnable task);

    static Dispatch direct() {
        return new Dispatch() {
            @Override
            public void ui(Runnable task) {
                task.run();
            }

            @Override
            public void background(Runnable task) {
                task.run();
            }
        };
    }
}
