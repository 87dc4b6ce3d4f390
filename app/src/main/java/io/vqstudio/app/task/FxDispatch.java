package io.vqstudio.app.task;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;

/** The app's {@link Dispatch}: {@code Platform.runLater} for the UI, two daemon threads for the rest. */
public final class FxDispatch implements Dispatch {

    private final ExecutorService pool = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "studio-io");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void ui(Runnable task) {
        if (Platform.isFxApplicationThread()) {
            task.run();
        } else {
            Platform.runLater(task);
        }
    }

    @Override
    public void background(Runnable task) {
        pool.execute(task);
    }
}
