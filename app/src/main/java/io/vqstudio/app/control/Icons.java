package io.vqstudio.app.control;

import javafx.scene.control.Button;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** Ikonli icons and icon buttons with tooltips. */
public final class Icons {

    private Icons() {}

    public static FontIcon icon(Ikon ikon) {
        FontIcon i = new FontIcon(ikon);
        i.getStyleClass().add("studio-icon");
        return i;
    }

    public static Button button(Ikon ikon, String text, String tooltip, Runnable action) {
        Button b = new Button(text, icon(ikon));
        decorate(b, tooltip);
        b.setOnAction(e -> action.run());
        return b;
    }

    public static ToggleButton toggle(Ikon ikon, String text, String tooltip) {
        ToggleButton b = new ToggleButton(text, icon(ikon));
        decorate(b, tooltip);
        return b;
    }

    private static void decorate(ButtonBase b, String tooltip) {
        if (tooltip != null) {
            b.setTooltip(new Tooltip(tooltip));
        }
    }
}
