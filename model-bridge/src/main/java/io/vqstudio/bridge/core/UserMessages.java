package io.vqstudio.bridge.core;

import java.io.EOFException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place that turns exceptions into a line a user can act on (the CLI and the studio both
 * show what it says); the stack trace goes to {@link #detail}. Messages our own code writes
 * (IllegalArgumentException, IllegalStateException, IOException: they name the file and the field)
 * pass through. An internal exception (NullPointerException, ClassCastException, Gson's parse
 * errors...) is never the whole message: it is said in words, with the file or option being read
 * when the code that failed knows it ({@link MalformedFileException}) or the caller does ({@link #describe(Throwable, String)}).
 */
public final class UserMessages {

    private static final String NOT_JSON = "not valid JSON: ";
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern JAVA_PREFIX = Pattern.compile("^(?:[a-z]\\w*\\.)+[A-Z]\\w*(?:Exception|Error): ");

    private UserMessages() {}

    public static String describe(Throwable t) {
        return describe(t, null);
    }

    /**
     * @param context what was being read when {@code t} happened, e.g. {@code "--model runs/a"} (null when
     *                unknown); named in front of an internal failure that does not say which file it met
     */
    public static String describe(Throwable t, String context) {
        Throwable root = unwrap(t);
        String text = core(root);
        if (context != null && isInternal(root)) {
            return context + ": " + text;
        }
        return text;
    }

    public static String detail(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** True for exceptions whose type, not a sentence of ours, is what they say: bugs or unchecked input. */
    static boolean isInternal(Throwable t) {
        if (t instanceof NumberFormatException || t instanceof java.util.regex.PatternSyntaxException) {
            return true;
        }
        if (t instanceof IllegalArgumentException || t instanceof IllegalStateException || t instanceof IOException
                || t instanceof OutOfMemoryError || t instanceof CancelledException) {
            return false;
        }
        return !t.getClass().getName().startsWith("ai.djl") || t.getMessage() == null;
    }

    /** Skips wrappers that add nothing: futures, reflection, Gson's "Failed to invoke constructor" around a record's own check. */
    private static Throwable unwrap(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.util.concurrent.CompletionException
                    || root instanceof java.util.concurrent.ExecutionException
                    || root instanceof java.lang.reflect.InvocationTargetException
                    || root instanceof java.lang.reflect.UndeclaredThrowableException
                    || root.getMessage().startsWith("Failed to invoke constructor")
                    || (root.getMessage().equals(root.getCause().toString()) && !isJsonSyntax(root)))) {
            root = root.getCause();
        }
        return root;
    }

    /** Gson's report of text that is not JSON at all (its cause, an EOFException or a MalformedJsonException, says where). */
    private static boolean isJsonSyntax(Throwable t) {
        return t.getClass().getName().startsWith("com.google.gson") && t.getCause() instanceof IOException;
    }

    private static String core(Throwable root) {
        String msg = root.getMessage();
        if (root instanceof MalformedFileException p) {
            return p.file() + ": " + inner(unwrap(p.getCause()));
        }
        if (root instanceof OutOfMemoryError) {
            return "Out of memory: try a smaller batch or model, or give Java more memory (-Xmx).";
        }
        if (root instanceof NoSuchFileException e) {
            return "File not found: " + e.getFile();
        }
        if (root instanceof AccessDeniedException e) {
            return "Permission denied: " + e.getFile();
        }
        if (root instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() != null ? e.getReason() : root.getClass().getSimpleName());
        }
        if (root instanceof FileNotFoundException) {
            return "File not found: " + msg; // "path (No such file or directory)", "path (Is a directory)"
        }
        if (root instanceof CharacterCodingException) {
            return "A text file is not valid UTF-8.";
        }
        if (root instanceof EOFException && msg == null) {
            return "A file ended before its end: it is truncated.";
        }
        if (root instanceof IOException) {
            return msg == null ? "Could not read or write a file (" + root.getClass().getSimpleName() + ")." : withCause(root);
        }
        if (!isInternal(root) && msg != null) {
            return root.getClass().getName().startsWith("ai.djl") ? "The engine failed: " + firstLine(msg) : withCause(root);
        }
        return inner(root);
    }

    /** What an internal failure means in words, its type named for a bug report. */
    private static String inner(Throwable t) {
        if (!isInternal(t)) {
            return core(t);
        }
        String msg = t.getMessage();
        if (t instanceof NumberFormatException) {
            Matcher q = QUOTED.matcher(msg == null ? "" : msg);
            return q.find() ? "expected a number, found \"" + q.group(1) + "\"" : "expected a number (" + msg + ")";
        }
        if (t.getClass().getName().startsWith("com.google.gson")) {
            Throwable c = t.getCause();
            if (c instanceof NumberFormatException || c instanceof IllegalArgumentException || c instanceof IllegalStateException) {
                return inner(c);
            }
            return NOT_JSON + strip(firstLine(msg == null ? t.getClass().getSimpleName() : msg));
        }
        return "unexpected " + t.getClass().getSimpleName() + (msg == null ? "" : " (" + firstLine(msg) + ")")
                + "; run with --verbose (or VQ_DEBUG=1) for the details of this bug";
    }

    /**
     * A message that ends with its cause's message ("x.json has an invalid spec: " + e.getMessage())
     * gets the cause said in words instead.
     */
    private static String withCause(Throwable t) {
        String msg = firstLine(t.getMessage());
        Throwable c = t.getCause() == null ? null : unwrap(t.getCause());
        if (c != null && c.getMessage() != null && isInternal(c)) {
            String raw = t.getCause().getMessage() != null ? firstLine(t.getCause().getMessage()) : "";
            String cm = firstLine(c.getMessage());
            for (String tail : new String[] {raw, cm, c.toString()}) {
                if (!tail.isEmpty() && msg.endsWith(tail)) {
                    String head = msg.substring(0, msg.length() - tail.length());
                    String words = inner(c);
                    return head.endsWith(NOT_JSON) && words.startsWith(NOT_JSON) ? head + words.substring(NOT_JSON.length())
                            : head + words;
                }
            }
        } else if (c != null && c.getMessage() != null && t.getCause().getMessage() != null
                && msg.endsWith(t.getCause().getMessage())) {
            String tail = t.getCause().getMessage();
            return msg.substring(0, msg.length() - tail.length()) + firstLine(c.getMessage());
        }
        return strip(msg);
    }

    private static String strip(String msg) {
        return JAVA_PREFIX.matcher(msg).replaceFirst("");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
