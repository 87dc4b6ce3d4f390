package io.vqstudio.app.view;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.viewmodel.ModelsViewModel;
import io.vqstudio.bridge.api.ModelInfo;
import io.vqstudio.bridge.core.PriorKind;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.PropertySheet;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The models page: the active tokenizer and priors as cards (click one to show it), the shown
 * model's spec as a property sheet and its model card. Opening a checkpoint switches the active model.
 * A card says the model's family, size, grid, codebook and source, and for a prior its classes and
 * tokenizer ({@link ModelSummary}).
 */
public final class ModelsView extends BorderPane {

    public ModelsView(ModelsViewModel vm, Runnable openModel) {
        getStyleClass().add("page");
        setId("models-page");
        VBox cards = new VBox(10, card("Tokenizer", vm.tokenizerProperty(), vm));
        for (PriorKind k : PriorKind.values()) {
            cards.getChildren().add(card(PriorKinds.label(k) + " prior", vm.priorProperty(k), vm));
        }
        Button open = Icons.button(MaterialDesignF.FOLDER_OPEN, "Open model...", "Open a tokenizer or prior checkpoint, or import a PyTorch tokenizer or prior file (Ctrl+M); or drop one on the window", openModel);
        cards.getChildren().add(open);
        cards.setPadding(new Insets(10));
        cards.setPrefWidth(300);

        PropertySheet sheet = new PropertySheet();
        sheet.setId("spec-sheet");
        sheet.setModeSwitcherVisible(false);
        sheet.setMode(PropertySheet.Mode.CATEGORY);
        TextArea card = new TextArea();
        card.setEditable(false);
        card.setWrapText(true);
        card.setId("model-card");
        Label title = new Label("No model open. Open a checkpoint with File > Open model...");
        title.getStyleClass().add("section-title");
        vm.shownProperty().addListener((obs, o, info) -> {
            sheet.getItems().setAll(info == null ? java.util.List.of() : SpecSheet.items(info.specJson()));
            card.setText(info == null ? "" : info.card().isBlank() ? "(this checkpoint has no model card)" : CardText.reflow(info.card()));
            title.setText(info == null ? "" : info.kind() + " " + info.name() + "   (" + info.path() + ")");
        });
        HBox details = new HBox(10, sheet, card);
        HBox.setHgrow(sheet, Priority.ALWAYS);
        HBox.setHgrow(card, Priority.ALWAYS);
        VBox center = new VBox(8, title, details);
        VBox.setVgrow(details, Priority.ALWAYS);
        center.setPadding(new Insets(10));
        setLeft(cards);
        setCenter(center);
    }

    private static VBox card(String role, ReadOnlyObjectProperty<? extends ModelInfo> model, ModelsViewModel vm) {
        Label head = new Label(role);
        head.getStyleClass().add("section-title");
        Label body = new Label();
        body.setWrapText(true);
        body.setId("model-summary-" + role.toLowerCase().replace(' ', '-'));
        VBox box = new VBox(4, head, body);
        box.getStyleClass().add("model-card");
        box.setPadding(new Insets(8));
        Runnable update = () -> body.setText(ModelSummary.of(model.get(), vm.tokenizerProperty().get()));
        model.addListener((obs, o, n) -> update.run());
        vm.tokenizerProperty().addListener((obs, o, n) -> update.run()); // a prior names its tokenizer when open
        update.run();
        box.setOnMouseClicked(e -> {
            if (model.get() != null) {
                vm.show(model.get());
            }
        });
        return box;
    }
}
