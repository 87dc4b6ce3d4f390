package io.vqstudio.app.control;

import java.util.function.IntConsumer;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * All K codes as a field of cells (8192 codes: 128 x 64), coloured by how often each occurs
 * (log scale, dark to bright); dead codes are marked with a cross, the selected code with a ring.
 * Clicking a cell reports its code.
 */
public final class CodebookHeatmap extends Region {

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<long[]> counts = new SimpleObjectProperty<>(new long[0]);
    private final IntegerProperty columns = new SimpleIntegerProperty(128);
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final Tooltip tip = new Tooltip();
    private IntConsumer onPick = code -> { };

    public CodebookHeatmap() {
        getStyleClass().add("codebook-heatmap");
        getChildren().add(canvas);
        setMinSize(128, 64);
        setPrefSize(768, 384);
        for (Observable o : new Observable[] {counts, columns, selected, widthProperty(), heightProperty()}) {
            o.addListener(x -> draw());
        }
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> {
            int code = codeAt(e.getX(), e.getY());
            long[] c = counts.get();
            tip.setText(code < 0 ? "" : "code " + code + ": " + c[code] + (c[code] == 0 ? " (dead)" : " uses"));
        });
        canvas.setOnMouseClicked(e -> {
            int code = codeAt(e.getX(), e.getY());
            if (code >= 0) {
                onPick.accept(code);
            }
        });
    }

    public ObjectProperty<long[]> countsProperty() { return counts; }

    public IntegerProperty columnsProperty() { return columns; }

    public IntegerProperty selectedProperty() { return selected; }

    public void setOnPick(IntConsumer pick) {
        onPick = pick;
    }

    private int rows() {
        int k = counts.get().length, cols = Math.max(1, columns.get());
        return Math.max(1, (k + cols - 1) / cols);
    }

    private double cell() {
        return Math.max(1, Math.min(getWidth() / Math.max(1, columns.get()), getHeight() / rows()));
    }

    /** The code under a point, or -1. */
    public int codeAt(double x, double y) {
        double cs = cell();
        int col = (int) (x / cs), row = (int) (y / cs);
        int code = row * columns.get() + col;
        return col >= 0 && col < columns.get() && row >= 0 && code < counts.get().length ? code : -1;
    }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        long[] c = counts.get();
        int cols = Math.max(1, columns.get());
        double cs = cell();
        double maxLog = 1e-9;
        for (long v : c) {
            maxLog = Math.max(maxLog, Math.log1p(v));
        }
        for (int code = 0; code < c.length; code++) {
            double x = (code % cols) * cs, y = (code / cols) * cs;
            if (c[code] == 0) {
                gc.setFill(Color.rgb(128, 128, 128, 0.18));
                gc.fillRect(x, y, cs, cs);
                if (cs >= 5) {
                    gc.setStroke(Color.rgb(200, 60, 60, 0.55));
                    gc.setLineWidth(1);
                    gc.strokeLine(x + 1, y + 1, x + cs - 1, y + cs - 1);
                    gc.strokeLine(x + cs - 1, y + 1, x + 1, y + cs - 1);
                }
            } else {
                gc.setFill(Images.heat(0.15 + 0.85 * Math.log1p(c[code]) / maxLog, 1));
                gc.fillRect(x, y, cs, cs);
            }
        }
        int s = selected.get();
        if (s >= 0 && s < c.length) {
            double x = (s % cols) * cs, y = (s / cols) * cs;
            double pad = Math.max(2, cs);
            gc.setStroke(Color.web("#ff2d55"));
            gc.setLineWidth(2);
            gc.strokeRect(x - pad / 2, y - pad / 2, cs + pad, cs + pad);
        }
    }
}
