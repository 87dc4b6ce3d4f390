package io.vqstudio.app.control;

import io.vqstudio.bridge.core.RgbImage;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** A titled picture that scales to its space with crisp (unsmoothed) pixels. */
public final class ImageTile extends VBox {

    private final ObjectProperty<RgbImage> image = new SimpleObjectProperty<>();
    private final ImageView view = new ImageView();
    private final Label placeholder = new Label();

    public ImageTile(String title, String emptyText) {
        getStyleClass().add("image-tile");
        Label caption = new Label(title);
        caption.getStyleClass().add("tile-title");
        placeholder.setText(emptyText);
        placeholder.getStyleClass().add("placeholder");
        view.setPreserveRatio(true);
        view.setSmooth(false);
        StackPane frame = new StackPane(placeholder, view);
        frame.getStyleClass().add("image-frame");
        frame.setMinSize(64, 64);
        frame.setPrefSize(256, 256);
        view.fitWidthProperty().bind(frame.widthProperty().subtract(8));
        view.fitHeightProperty().bind(frame.heightProperty().subtract(8));
        VBox.setVgrow(frame, javafx.scene.layout.Priority.ALWAYS);
        setAlignment(Pos.TOP_CENTER);
        setSpacing(4);
        getChildren().addAll(caption, frame);
        image.addListener((obs, o, img) -> {
            view.setImage(Images.toFx(img));
            placeholder.setVisible(img == null);
        });
    }

    public ObjectProperty<RgbImage> imageProperty() {
        return image;
    }
}
