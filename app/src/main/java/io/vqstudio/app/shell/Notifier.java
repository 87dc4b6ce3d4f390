package io.vqstudio.app.shell;

import io.vqstudio.app.viewmodel.Notice;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.StatusBar;

/** Shows each new {@link Notice} as a ControlsFX notification and as the status bar's text. */
final class Notifier {

    private Notifier() {}

    static void attach(ObservableList<Notice> notices, StatusBar bar, Window owner, boolean popups) {
        notices.addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                for (Notice n : c.getAddedSubList()) {
                    bar.setText(n.text());
                    if (popups && owner.isShowing()) {
                        show(n, owner);
                    }
                }
            }
        });
    }

    private static void show(Notice n, Window owner) {
        Notifications note = Notifications.create().owner(owner).text(n.text())
                .hideAfter(Duration.seconds(n.level() == Notice.Level.ERROR ? 8 : 4));
        switch (n.level()) {
            case ERROR -> note.title("Problem").showError();
            case WARNING -> note.title("Note").showWarning();
            case INFO -> note.title("VQ Studio").showInformation();
        }
    }
}
