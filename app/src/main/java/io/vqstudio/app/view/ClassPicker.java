package io.vqstudio.app.view;

import io.vqstudio.app.viewmodel.ClassChoice;
import io.vqstudio.app.viewmodel.ClassChoice.ClassEntry;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/**
 * Choosing the class of a run: a search field over the prior's class names (a virtualised list, so
 * 1,000 ImageNet names cost a screenful of cells), an "Unconditional" button where the prior has a null
 * class, and the choice in words. Picking in the list chooses a class; searching again keeps it.
 */
final class ClassPicker extends VBox {

    /**
     * {@code id} names the list ({@code #id}), its search field ({@code #id-search}) and its label
     * ({@code #id-chosen}); {@code listHeight} above 0 fixes the list's preferred height (a side panel's).
     */
    ClassPicker(ClassChoice vm, String id, double listHeight) {
        super(6);
        TextField search = new TextField();
        search.setId(id + "-search");
        search.setPromptText("Search classes (name or id)");
        search.textProperty().bindBidirectional(vm.searchProperty());
        ListView<ClassEntry> list = new ListView<>(vm.classes());
        list.setId(id);
        if (listHeight > 0) {
            list.setPrefHeight(listHeight);
        }
        list.setPlaceholder(new Label("Open a class-conditional prior to pick a class"));
        // A filter that hides the chosen class clears the selection, not the choice: only a pick changes it.
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, c) -> {
            if (c != null) {
                vm.classIdProperty().set(c.id());
            }
        });
        vm.classIdProperty().addListener((obs, o, n) -> {
            if (n.intValue() < 0) {
                list.getSelectionModel().clearSelection();
            }
        });
        Button any = new Button("Unconditional");
        any.setTooltip(new javafx.scene.control.Tooltip("Sample without a class"));
        any.disableProperty().bind(vm.unconditionalProperty().not());
        any.setOnAction(e -> vm.classIdProperty().set(-1));
        Label chosen = new Label();
        chosen.setId(id + "-chosen");
        chosen.setWrapText(true);
        chosen.textProperty().bind(Bindings.createStringBinding(() -> vm.classIdProperty().get() < 0
                        ? vm.unconditionalProperty().get() ? "unconditional" : "no class chosen" : vm.describe(),
                vm.classIdProperty(), vm.unconditionalProperty()));
        HBox.setHgrow(chosen, Priority.ALWAYS);
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(search, list, new HBox(6, any, chosen));
    }

    /** Why a run cannot start (a class is missing), beside its button; takes no room when there is nothing to say. */
    static Label why(javafx.beans.value.ObservableStringValue reason, String id) {
        Label why = new Label();
        why.setId(id);
        why.setWrapText(true);
        why.getStyleClass().add("run-blocked");
        why.textProperty().bind(reason);
        why.visibleProperty().bind(Bindings.isNotEmpty(reason));
        why.managedProperty().bind(why.visibleProperty());
        return why;
    }
}
