package io.vqstudio.app.view;

import io.vqstudio.app.control.CodebookHeatmap;
import io.vqstudio.app.control.ImageTile;
import io.vqstudio.app.control.Icons;
import io.vqstudio.app.viewmodel.CodebookViewModel;
import io.vqstudio.app.viewmodel.CodebookViewModel.CodeRow;
import io.vqstudio.app.viewmodel.CodebookViewModel.Occurrence;
import io.vqstudio.app.viewmodel.StudioViewModel;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;

/**
 * The codebook page: a usage heatmap of all K codes (log-scaled frequency over the loaded images,
 * dead codes crossed), usage, perplexity and dead-code count; a code list sorted and filtered by
 * frequency; the selected code decoded, and the images where it occurs (opening one highlights it).
 */
public final class CodebookView extends BorderPane {

    public CodebookView(StudioViewModel vm, Runnable showWorkspace) {
        getStyleClass().add("page");
        setId("codebook-page");
        CodebookViewModel cb = vm.codebook();
        CodebookHeatmap heatmap = new CodebookHeatmap();
        heatmap.setId("heatmap");
        heatmap.countsProperty().bind(cb.countsProperty());
        heatmap.selectedProperty().bind(cb.selectedCodeProperty());
        cb.countsProperty().addListener((obs, o, n) -> heatmap.columnsProperty().set(cb.heatmapColumns()));
        heatmap.columnsProperty().set(cb.heatmapColumns());
        heatmap.setOnPick(code -> cb.selectedCodeProperty().set(code));

        Label stats = new Label();
        stats.setId("codebook-stats");
        stats.getStyleClass().add("metrics");
        stats.textProperty().bind(Bindings.createStringBinding(() -> cb.codebookSize() == 0
                ? "Open a tokenizer and some images to see how they use the codebook"
                : String.format("K = %d   usage %.1f%%   perplexity %.1f   dead codes %d", cb.codebookSize(),
                        100 * cb.usageProperty().get(), cb.perplexityProperty().get(), cb.deadCodesProperty().get()),
                cb.usageProperty(), cb.perplexityProperty(), cb.deadCodesProperty(), cb.countsProperty()));

        ChoiceBox<CodebookViewModel.Sort> sort = new ChoiceBox<>();
        sort.getItems().setAll(CodebookViewModel.Sort.values());
        sort.valueProperty().bindBidirectional(cb.sortProperty());
        ChoiceBox<CodebookViewModel.Filter> filter = new ChoiceBox<>();
        filter.getItems().setAll(CodebookViewModel.Filter.values());
        filter.valueProperty().bindBidirectional(cb.filterProperty());
        ListView<CodeRow> list = new ListView<>(cb.rows());
        list.setId("code-list");
        list.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(CodeRow r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null
                        : String.format("code %5d   %6d   %5.2f%%%s", r.code(), r.count(), 100 * r.fraction(),
                                r.count() == 0 ? "  dead" : ""));
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, o, r) -> {
            if (r != null) {
                cb.selectedCodeProperty().set(r.code());
            }
        });
        VBox listBox = new VBox(6, new HBox(6, new Label("Sort"), sort, new Label("Show"), filter), list);
        VBox.setVgrow(list, Priority.ALWAYS);
        listBox.setPrefWidth(300);
        listBox.setMinWidth(300);

        ImageTile look = new ImageTile("Selected code", "click a code");
        look.setId("code-appearance");
        look.imageProperty().bind(cb.selectedAppearanceProperty());
        look.setPrefHeight(180);
        Label selected = new Label();
        selected.textProperty().bind(Bindings.createStringBinding(() -> {
            int c = cb.selectedCodeProperty().get();
            return c < 0 ? "" : "code " + c + ": " + cb.countInSet(c) + " uses in the loaded images";
        }, cb.selectedCodeProperty(), cb.countsProperty()));
        ListView<Occurrence> where = new ListView<>(cb.occurrences());
        where.setPlaceholder(new Label("not used in the loaded images"));
        where.setCellFactory(lv -> new ListCell<>() {
            @Override
            protected void updateItem(Occurrence o, boolean empty) {
                super.updateItem(o, empty);
                setText(empty || o == null ? null : o.document().name() + "   " + o.count() + " cells");
            }
        });
        var paint = Icons.button(MaterialDesignF.FORMAT_PAINT, "Use for painting", "Make this the editor's paint code",
                () -> vm.editor().paintCodeProperty().set(Math.max(0, cb.selectedCodeProperty().get())));
        paint.disableProperty().bind(cb.selectedCodeProperty().lessThan(0));
        where.setOnMouseClicked(e -> {
            Occurrence o = where.getSelectionModel().getSelectedItem();
            if (o != null && e.getClickCount() == 2) {
                vm.workspace().selectedProperty().set(o.document());
                showWorkspace.run();
            }
        });
        Label occursIn = new Label("Occurs in (double-click to open, cells outlined)");
        occursIn.setWrapText(true);
        VBox detail = new VBox(8, look, selected, paint, occursIn, where);
        detail.setPrefWidth(280);
        detail.setMinWidth(260);
        selected.setWrapText(true);
        VBox.setVgrow(where, Priority.ALWAYS);

        VBox center = new VBox(8, stats, heatmap);
        VBox.setVgrow(heatmap, Priority.ALWAYS);
        HBox body = new HBox(12, listBox, center, detail);
        HBox.setHgrow(center, Priority.ALWAYS);
        body.setPadding(new Insets(10));
        setCenter(body);
    }
}
