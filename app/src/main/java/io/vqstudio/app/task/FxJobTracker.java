package io.vqstudio.app.task;

import io.vqstudio.app.service.StudioJob;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Task;
import org.controlsfx.control.StatusBar;
import org.controlsfx.control.TaskProgressView;

/**
 * Shows every studio job as a {@link JobTask} in a ControlsFX {@link TaskProgressView} (with a
 * cancel button per task) and the newest one's progress in the {@link StatusBar}.
 */
public final class FxJobTracker implements JobTracker {

    private final TaskProgressView<Task<?>> view = new TaskProgressView<>();
    private final StatusBar statusBar;
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "job-watch");
        t.setDaemon(true);
        return t;
    });

    public FxJobTracker(StatusBar statusBar) {
        this.statusBar = statusBar;
        view.getTasks().addListener((ListChangeListener<Task<?>>) c -> showNewest());
    }

    public TaskProgressView<Task<?>> view() {
        return view;
    }

    @Override
    public void track(String title, StudioJob<?> job) {
        JobTask<?> task = new JobTask<>(title, job);
        Runnable add = () -> {
            view.getTasks().add(task);
            waiters.execute(task);
        };
        if (Platform.isFxApplicationThread()) {
            add.run();
        } else {
            Platform.runLater(add);
        }
    }

    private void showNewest() {
        statusBar.progressProperty().unbind();
        if (view.getTasks().isEmpty()) {
            statusBar.setProgress(0);
        } else {
            Task<?> newest = view.getTasks().get(view.getTasks().size() - 1);
            statusBar.progressProperty().bind(newest.progressProperty());
        }
    }
}
