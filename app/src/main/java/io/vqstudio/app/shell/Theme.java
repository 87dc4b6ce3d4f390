package io.vqstudio.app.shell;

import javafx.scene.Scene;

/** The studio's light and dark themes: one base stylesheet plus a palette sheet, swapped on the scene. */
public final class Theme {

    private static final String BASE = css("studio.css");
    private static final String LIGHT = css("light.css");
    private static final String DARK = css("dark.css");

    private final Scene scene;
    private boolean dark;

    public Theme(Scene scene, boolean startDark) {
        this.scene = scene;
        this.dark = startDark;
        apply(scene, startDark);
    }

    public void toggle() {
        dark = !dark;
        apply(scene, dark);
    }

    private static void apply(Scene scene, boolean dark) {
        scene.getStylesheets().setAll(BASE, dark ? DARK : LIGHT);
    }

    private static String css(String name) {
        return Theme.class.getResource("/io/vqstudio/app/" + name).toExternalForm();
    }
}
