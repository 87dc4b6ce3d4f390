package io.vqstudio.app.viewmodel;

import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One tile of the sampling gallery: a partial picture while sampling, then the sample and its grid. */
public final class SampleItem {

    private final String label;
    private final ReadOnlyObjectWrapper<RgbImage> image = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<TokenGrid> grid = new ReadOnlyObjectWrapper<>();

    public SampleItem(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public ReadOnlyObjectProperty<RgbImage> imageProperty() {
        return image.getReadOnlyProperty();
    }

    /** Null until the sample is complete. */
    public ReadOnlyObjectProperty<TokenGrid> gridProperty() {
        return grid.getReadOnlyProperty();
    }

    void setPartial(RgbImage partial) {
        if (grid.get() == null) {
            image.set(partial);
        }
    }

    void complete(TokenGrid g, RgbImage img) {
        grid.set(g);
        image.set(img);
    }
}
