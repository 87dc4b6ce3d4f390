package io.vqstudio.app.shell;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/** The studio's light and dark themes: one base stylesheet plus a palette sheet, swapped on the scene. */
public final class Theme {

    private static final String BASE = css("studio.css");
    private static final String LIGHT = css("light.css");
    private static final String DARK = css("dark.css");

    private final BooleanProperty dark = new SimpleBooleanProperty();

    public Theme(Scene scene, boolean startDark) {
        dark.addListener((obs, o, d) -> apply(scene, d));
        dark.set(startDark);
        apply(scene, startDark);
    }

    public BooleanProperty darkProperty() {
        return dark;
    }

    public void toggle() {
        dark.set(!dark.get());
    }

    private static void apply(Scene scene, boolean dark) {
        scene.getStylesheets().setAll(BASE, dark ? DARK : LIGHT);
    }

    private static String css(String name) {
        return Theme.class.getResource("/io/vqstudio/app/" + name).toExternalForm();
    }
}
