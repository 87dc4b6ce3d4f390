package io.vqstudio.app.task;

import io.vqstudio.app.service.StudioJob;

/** Shows running jobs to the user (the app: ControlsFX TaskProgressView and StatusBar, with cancel). */
public interface JobTracker {

    void track(String title, StudioJob<?> job);

    /** A tracker that shows nothing, for tests. */
    static JobTracker none() {
        return (title, job) -> { };
    }
}
