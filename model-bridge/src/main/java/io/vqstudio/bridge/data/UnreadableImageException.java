package io.vqstudio.bridge.data;

import java.io.IOException;

/**
 * Thrown by {@link ImageSource#read} and {@link ImageFiles} when one file cannot be decoded: zero
 * bytes, truncated, not an image at all, too many pixels, or unreadable on disk (a directory, a
 * symlink loop, no permission). The message is one line, {@code "name (reason)"}, ready to show.
 * The pipeline skips such files and records them in a {@link SkipLog}; any other exception is a
 * real failure and stops the work.
 */
public class UnreadableImageException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String reason;

    public UnreadableImageException(String name, String reason) {
        this(name, reason, null);
    }

    public UnreadableImageException(String name, String reason, Throwable cause) {
        super(name + " (" + reason + ")", cause);
        this.name = name;
        this.reason = reason;
    }

    /** The entry name, as in {@link ImageEntry#name()}. */
    public String name() {
        return name;
    }

    /** A few words for the user: "zero bytes", "truncated", "not an image", "is a directory, not an image". */
    public String reason() {
        return reason;
    }
}
