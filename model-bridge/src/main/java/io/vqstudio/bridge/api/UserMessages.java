package io.vqstudio.bridge.api;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one sentence a user can act on; the stack trace goes to the detail. */
public final class UserMessages {

    private UserMessages() {}

    public static String describe(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.util.concurrent.CompletionException
                    || root instanceof java.util.concurrent.ExecutionException)) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        if (root instanceof OutOfMemoryError) {
            return "Out of memory: try a smaller batch or model, or give Java more memory (-Xmx).";
        }
        if (root instanceof NoSuchFileException || root instanceof FileNotFoundException) {
            return "File not found: " + msg;
        }
        if (root instanceof IOException) {
            return "Could not read or write a file: " + (msg == null ? root.getClass().getSimpleName() : msg);
        }
        if (root instanceof IllegalArgumentException || root instanceof IllegalStateException) {
            return msg == null ? "Invalid input." : msg;
        }
        if (root.getClass().getName().startsWith("ai.djl")) {
            return "The engine failed: " + (msg == null ? root.getClass().getSimpleName() : firstLine(msg));
        }
        return root.getClass().getSimpleName() + (msg == null ? "" : ": " + firstLine(msg));
    }

    public static String detail(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
