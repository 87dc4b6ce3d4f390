package io.vqstudio.bridge.data;

/**
 * Progress of a long data operation such as {@link DatasetReport#scan}: {@code done} of
 * {@code total} items. Called on the thread that started the operation, a few times a second
 * at most, and once more at the end with {@code done == total}.
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = (done, total) -> { };

    void progress(long done, long total);
}
