package io.vqstudio.app.view;

import io.vqstudio.app.control.Icons;
import io.vqstudio.app.viewmodel.EditorViewModel;
import io.vqstudio.app.viewmodel.EditorViewModel.Tool;
import io.vqstudio.app.viewmodel.ModelsViewModel;
import io.vqstudio.app.viewmodel.TokenGridViewModel;
import io.vqstudio.app.viewmodel.TokenGridViewModel.ColourMode;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.materialdesign2.MaterialDesignB;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignE;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;

/** The editing tools above the token grid: tool, paint code, brush size, edit commands, colouring. */
final class EditToolbar extends ToolBar {

    EditToolbar(EditorViewModel editor, TokenGridViewModel grid, ModelsViewModel models) {
        getStyleClass().add("edit-toolbar");
        ToggleGroup tools = new ToggleGroup();
        ToggleButton select = tool(tools, editor, Tool.SELECT, Icons.toggle(MaterialDesignS.SELECTION, null,
                "Select: click a cell, drag a rectangle; Shift adds"));
        ToggleButton brush = tool(tools, editor, Tool.BRUSH, Icons.toggle(MaterialDesignB.BRUSH, null,
                "Brush selection: paint cells into the selection"));
        ToggleButton paint = tool(tools, editor, Tool.PAINT, Icons.toggle(MaterialDesignF.FORMAT_PAINT, null,
                "Paint: write the paint code into cells"));
        ToggleButton dropper = tool(tools, editor, Tool.EYEDROPPER, Icons.toggle(MaterialDesignE.EYEDROPPER, null,
                "Eyedropper: pick a cell's code as the paint code; right-click picks with any tool"));
        select.setSelected(true);
        editor.toolProperty().addListener((obs, o, t) -> tools.getToggles().stream()
                .filter(x -> x.getUserData() == t).findFirst().ifPresent(x -> x.setSelected(true)));

        Spinner<Integer> code = new Spinner<>(0, 8191, editor.paintCodeProperty().get());
        SpinnerValueFactory.IntegerSpinnerValueFactory range = (SpinnerValueFactory.IntegerSpinnerValueFactory) code.getValueFactory();
        models.tokenizerProperty().addListener((obs, o, t) -> range.setMax(t == null ? 8191 : t.codebookSize() - 1));
        code.setEditable(true);
        code.setPrefWidth(90);
        code.setTooltip(new Tooltip("Paint code: pick one in the codebook or with the eyedropper"));
        code.getValueFactory().valueProperty().addListener((obs, o, v) -> editor.paintCodeProperty().set(v));
        editor.paintCodeProperty().addListener((obs, o, v) -> code.getValueFactory().setValue(v.intValue()));
        code.setId("paint-code");

        Spinner<Integer> radius = new Spinner<>(0, 8, editor.brushRadiusProperty().get());
        radius.setPrefWidth(64);
        radius.setTooltip(new Tooltip("Brush radius in cells"));
        radius.valueProperty().addListener((obs, o, v) -> editor.brushRadiusProperty().set(v));

        ChoiceBox<ColourMode> colour = new ChoiceBox<>();
        colour.getItems().setAll(ColourMode.values());
        colour.valueProperty().bindBidirectional(grid.colourModeProperty());
        colour.setTooltip(new Tooltip("Colour the cells by code id, by usage over the loaded images, or by the prior's likelihood"));
        CheckBox lines = new CheckBox("Lines");
        lines.selectedProperty().bindBidirectional(grid.showLinesProperty());

        getItems().addAll(select, brush, paint, dropper, new Label("code"), code, new Label("radius"), radius,
                new Separator(),
                Icons.button(MaterialDesignF.FORMAT_PAINT, "Fill", "Paint the code into the selection (Ctrl+Shift+F)", editor::paintSelection),
                Icons.button(MaterialDesignC.CONTENT_COPY, null, "Copy the selected tokens (Ctrl+C)", editor::copy),
                Icons.button(MaterialDesignC.CONTENT_PASTE, null, "Paste tokens at the selection (Ctrl+V)", editor::paste),
                Icons.button(MaterialDesignU.UNDO, null, "Undo (Ctrl+Z)", editor::undo),
                Icons.button(MaterialDesignR.REDO, null, "Redo (Ctrl+Y)", editor::redo),
                Icons.button(MaterialDesignR.RESTORE, null, "Reset to the encoded tokens", editor::reset),
                new Separator(), new Label("colour"), colour, lines);
    }

    private static ToggleButton tool(ToggleGroup group, EditorViewModel editor, Tool tool, ToggleButton b) {
        b.setToggleGroup(group);
        b.setUserData(tool);
        b.setOnAction(e -> {
            editor.toolProperty().set(tool);
            b.setSelected(true);
        });
        return b;
    }
}
