package io.vqstudio.app.viewmodel;

import io.vqstudio.app.service.StudioJob;
import io.vqstudio.app.task.Dispatch;
import io.vqstudio.app.task.JobTracker;
import io.vqstudio.bridge.core.CancelledException;
import io.vqstudio.bridge.api.JobEvent;
import io.vqstudio.bridge.core.UserMessages;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Runs {@link StudioJob}s for the view-models: shows them through the {@link JobTracker}, hands
 * their events and outcome to the UI thread through the {@link Dispatch}, and turns failures into
 * {@link Notice}s (a cancelled job is reported quietly, never as an error).
 */
public final class JobRunner {

    private final Dispatch dispatch;
    private final JobTracker tracker;
    private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();

    public JobRunner(Dispatch dispatch, JobTracker tracker) {
        this.dispatch = dispatch;
        this.tracker = tracker;
    }

    public Dispatch dispatch() {
        return dispatch;
    }

    /**
     * Writes a file off the UI thread (a picture, a token grid the user saves) and says on it that the
     * file was saved, or why it could not be.
     */
    public void writeFile(java.nio.file.Path file, FileWrite write, String saved) {
        dispatch.background(() -> {
            try {
                write.run();
                dispatch.ui(() -> notify(Notice.info(saved)));
            } catch (java.io.IOException e) {
                dispatch.ui(() -> notify(Notice.error("Cannot write " + file + ": " + e.getMessage())));
            }
        });
    }

    /** A file write that may fail. */
    @FunctionalInterface
    public interface FileWrite {
        void run() throws java.io.IOException;
    }

    /** Jobs started by the studio and not yet over. */
    public ReadOnlyIntegerProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** Every notice so far, newest last; the shell shows each as it arrives. */
    public ObservableList<Notice> notices() {
        return notices;
    }

    public void notify(Notice n) {
        dispatch.ui(() -> notices.add(n));
    }

    /** Runs {@code job}; {@code onEvent} (may be null) and {@code onDone} run on the UI thread. */
    public <R> void run(String title, StudioJob<R> job, Consumer<JobEvent> onEvent, Consumer<R> onDone) {
        run(title, job, onEvent, onDone, message -> notify(Notice.error(title + ": " + message)));
    }

    /** As above, with {@code onFail} receiving a user-readable message (or "cancelled"). */
    public <R> void run(String title, StudioJob<R> job, Consumer<JobEvent> onEvent, Consumer<R> onDone,
                        Consumer<String> onFail) {
        dispatch.ui(() -> running.set(running.get() + 1));
        tracker.track(title, job);
        if (onEvent != null) {
            job.subscribe(e -> {
                if (!e.isTerminal()) {
                    dispatch.ui(() -> onEvent.accept(e));
                }
            });
        }
        job.result().whenComplete((value, error) -> dispatch.ui(() -> {
            running.set(running.get() - 1);
            if (error == null) {
                onDone.accept(value);
            } else if (isCancel(error)) {
                notices.add(Notice.info(title + " cancelled"));
                onFail.accept("cancelled");
            } else {
                onFail.accept(UserMessages.describe(error));
            }
        }));
    }

    private static boolean isCancel(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof CancelledException || c instanceof java.util.concurrent.CancellationException) {
                return true;
            }
        }
        return false;
    }
}
