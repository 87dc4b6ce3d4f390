package io.vqstudio.app.view;

import io.vqstudio.app.control.Images;
import io.vqstudio.app.viewmodel.TokenGridViewModel;
import io.vqstudio.app.viewmodel.TokenGridViewModel.Hover;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The hovered cell: its code, how often the code occurs in this image and in the set, what it looks like. */
final class HoverCard extends HBox {

    HoverCard(TokenGridViewModel grid) {
        getStyleClass().add("hover-card");
        setSpacing(10);
        setPadding(new Insets(6));
        ImageView look = new ImageView();
        look.setFitWidth(56);
        look.setFitHeight(56);
        look.setSmooth(false);
        Label title = new Label("Hover a cell");
        title.getStyleClass().add("hover-title");
        title.setId("hover-title");
        Label detail = new Label("to see its code and usage");
        detail.getStyleClass().add("muted");
        detail.setWrapText(true);
        detail.setMaxWidth(230);
        getChildren().addAll(look, new VBox(2, title, detail));
        grid.hoverProperty().addListener((obs, o, h) -> show(h, title, detail, look));
    }

    private static void show(Hover h, Label title, Label detail, ImageView look) {
        if (h == null) {
            title.setText("Hover a cell");
            detail.setText("to see its code and usage");
            look.setImage(null);
            return;
        }
        title.setText("Code " + h.code() + "  at (" + h.row() + ", " + h.col() + ")");
        detail.setText(h.inImage() + "x in this image, " + h.inSet() + "x in the loaded set");
        look.setImage(Images.toFx(h.appearance()));
    }
}
