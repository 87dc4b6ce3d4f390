package io.vqstudio.app.view;

import io.vqstudio.app.control.Images;
import io.vqstudio.app.viewmodel.ImageDocument;
import io.vqstudio.app.viewmodel.WorkspaceViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;

/** The loaded images as a horizontal strip of thumbnails; selecting one shows it in the workspace. */
final class ThumbnailStrip extends ListView<ImageDocument> {

    ThumbnailStrip(WorkspaceViewModel vm) {
        super(vm.documents());
        setId("thumbnails");
        getStyleClass().add("thumbnail-strip");
        setOrientation(Orientation.HORIZONTAL);
        setPrefHeight(112);
        setMinHeight(112);
        setPlaceholder(new Label("No images yet: File > Open images (Ctrl+O), or drop files here"));
        setCellFactory(lv -> new Cell());
        getSelectionModel().selectedItemProperty().addListener((obs, o, d) -> {
            if (d != null) {
                vm.selectedProperty().set(d);
            }
        });
        vm.selectedProperty().addListener((obs, o, d) -> getSelectionModel().select(d));
        vm.documents().addListener((ListChangeListener<ImageDocument>) c -> {
            while (c.next()) {
                for (ImageDocument d : c.getAddedSubList()) {
                    d.reconstructionProperty().addListener(x -> refresh());
                    d.editedProperty().addListener(x -> refresh());
                }
            }
        });
    }

    private static final class Cell extends ListCell<ImageDocument> {
        private final ImageView view = new ImageView();
        private final Label name = new Label();
        private final VBox box = new VBox(2, view, name);

        Cell() {
            view.setFitWidth(72);
            view.setFitHeight(72);
            view.setPreserveRatio(true);
            name.setMaxWidth(80);
            name.getStyleClass().add("thumb-name");
        }

        @Override
        protected void updateItem(ImageDocument d, boolean empty) {
            super.updateItem(d, empty);
            if (empty || d == null) {
                setGraphic(null);
                setTooltip(null);
                return;
            }
            var img = d.reconstructionProperty().get() != null ? d.reconstructionProperty().get() : d.originalProperty().get();
            view.setImage(Images.toFx(img));
            name.setText((d.editedProperty().get() ? "* " : "") + d.name());
            setTooltip(new Tooltip(d.path() == null ? d.name() : d.path().toString()));
            setGraphic(box);
        }
    }
}
