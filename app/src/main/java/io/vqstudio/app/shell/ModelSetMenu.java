package io.vqstudio.app.shell;

import io.vqstudio.app.viewmodel.ModelSetsViewModel;
import io.vqstudio.app.viewmodel.ModelSetsViewModel.SetState;
import javafx.beans.InvalidationListener;
import javafx.scene.control.Menu;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * File &gt; Model set: one radio item per embedded set, the active one checked; a set without its
 * models is listed, greyed out, as "(models missing)". The list is read again each time the menu opens.
 */
final class ModelSetMenu {

    private ModelSetMenu() {}

    static Menu build(ModelSetsViewModel sets) {
        Menu menu = new Menu("Model set");
        menu.setId("menu-model-set");
        Runnable fill = () -> {
            ToggleGroup group = new ToggleGroup();
            menu.getItems().clear();
            SetState active = sets.activeProperty().get();
            for (SetState s : sets.sets()) {
                RadioMenuItem item = new RadioMenuItem(s.available() ? s.name() : s.name() + " (models missing)");
                item.setId("model-set-" + s.id());
                item.setToggleGroup(group);
                item.setSelected(active != null && active.id().equals(s.id()));
                item.setDisable(!s.available());
                item.setOnAction(e -> sets.choose(s.id()));
                menu.getItems().add(item);
            }
            menu.setDisable(menu.getItems().isEmpty());
        };
        InvalidationListener refill = o -> fill.run();
        sets.sets().addListener(refill);
        sets.activeProperty().addListener(refill);
        menu.setOnShowing(e -> sets.refresh());
        fill.run();
        return menu;
    }
}
