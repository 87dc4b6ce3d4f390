package io.vqstudio.bridge.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that could not be read as what it should be, where the reader met something it did not
 * foresee (a missing field, a number where text was expected): the failure with the file it came
 * from. {@code api.UserMessages} says the cause in words after the file's name.
 */
public final class MalformedFileException extends IOException {

    private final transient Path file;

    private MalformedFileException(Path file, Throwable cause) {
        super(file + ": " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " (" + cause.getMessage().lines().findFirst().orElse("") + ")"), cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }

    /**
     * {@code failure} met while reading {@code file}, as an IOException that names the file. A failure
     * that already names it (a reader's own check), or names a file read inside this one, is kept as it is.
     */
    public static IOException of(Path file, Throwable failure) {
        if (failure instanceof MalformedFileException deeper) {
            return deeper;
        }
        // Gson wraps a record's own check as "Failed to invoke constructor ...": the check is the message.
        if (failure.getClass() == RuntimeException.class && (failure.getCause() instanceof IllegalArgumentException
                || failure.getCause() instanceof IllegalStateException) && failure.getCause().getMessage() != null) {
            return new IOException(file + ": " + failure.getCause().getMessage(), failure.getCause());
        }
        String msg = failure.getMessage();
        boolean ours = failure instanceof IOException
                || (failure instanceof IllegalArgumentException && !(failure instanceof NumberFormatException))
                || failure instanceof IllegalStateException;
        if (ours && msg != null && msg.contains(file.toString())) {
            return failure instanceof IOException io ? io : new IOException(msg, failure);
        }
        return new MalformedFileException(file, failure);
    }
}
