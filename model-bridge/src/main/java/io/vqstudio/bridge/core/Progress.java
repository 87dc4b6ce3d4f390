package io.vqstudio.bridge.core;

/**
 * What long work (training, tokenizing, evaluating, scanning a dataset) sees of whoever runs it: a
 * place to say how far it is and to leave notices for the user, and whether it should stop. Work
 * calls {@link #checkCancelled()} at every step boundary, so a stop takes effect within one step.
 * A job of the facade is one; tests and scripts run the same work with {@link #NONE}.
 */
public interface Progress {

    /** Ignores reports; never asks to stop. */
    Progress NONE = new Progress() {
        @Override
        public void progress(long done, long total, String unit, String message) {}

        @Override
        public boolean isCancelled() {
            return false;
        }
    };

    /** Progress that hands each report's counts to {@code counts} and never asks to stop. */
    static Progress counting(Counts counts) {
        return new Progress() {
            @Override
            public void progress(long done, long total, String unit, String message) {
                counts.report(done, total);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
    }

    /** The counts of a report: {@code done} of {@code total}. */
    @FunctionalInterface
    interface Counts {
        void report(long done, long total);
    }

    /**
     * {@code done} of {@code total} {@code unit}s (e.g. "steps", "images"), with an optional short
     * message; called a few times a second at most, and once more at the end.
     */
    void progress(long done, long total, String unit, String message);

    /** A sentence for the user that is not an error (a skipped file, a resumed position). */
    default void notice(String message) {}

    /** Whether the work was asked to stop. */
    boolean isCancelled();

    /** @throws CancelledException when the work was asked to stop */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException(getClass().getSimpleName());
        }
    }
}
