package io.vqstudio.app.viewmodel;

/** A message for the user; the app shows it as a ControlsFX notification and in the status bar. */
public record Notice(Level level, String text) {

    /** How loudly to say it. */
    public enum Level { INFO, WARNING, ERROR }

    public static Notice info(String text) {
        return new Notice(Level.INFO, text);
    }

    public static Notice warning(String text) {
        return new Notice(Level.WARNING, text);
    }

    public static Notice error(String text) {
        return new Notice(Level.ERROR, text);
    }
}
