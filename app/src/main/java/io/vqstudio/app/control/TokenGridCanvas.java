package io.vqstudio.app.control;

import io.vqstudio.app.viewmodel.CellSelection;
import io.vqstudio.app.viewmodel.TokenGridViewModel.ColourMode;
import io.vqstudio.bridge.core.RgbImage;
import io.vqstudio.bridge.core.TokenGrid;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;

/**
 * An image with its token grid drawn over it: cells coloured by code, usage or likelihood, the
 * selected cells, and the cells holding a highlighted code. Mouse events are reported as cells.
 */
public final class TokenGridCanvas extends Region {

    /** Receives pointer events in grid coordinates. */
    public interface CellHandler {
        void pressed(int row, int col, MouseEvent e);

        void dragged(int row, int col, MouseEvent e);

        void released(int row, int col, MouseEvent e);

        void hovered(int row, int col);

        void exited();
    }

    private final Canvas canvas = new Canvas();
    private final ObjectProperty<RgbImage> image = new SimpleObjectProperty<>();
    private final ObjectProperty<TokenGrid> grid = new SimpleObjectProperty<>();
    private final ObjectProperty<CellSelection> selection = new SimpleObjectProperty<>();
    private final ObjectProperty<ColourMode> colourMode = new SimpleObjectProperty<>(ColourMode.NONE);
    private final ObjectProperty<double[]> nll = new SimpleObjectProperty<>();
    private final ObjectProperty<long[]> counts = new SimpleObjectProperty<>();
    private final IntegerProperty highlightCode = new SimpleIntegerProperty(-1);
    private final BooleanProperty showLines = new SimpleBooleanProperty(true);
    private CellHandler handler;

    public TokenGridCanvas() {
        getStyleClass().add("token-grid");
        getChildren().add(canvas);
        setMinSize(96, 96);
        setPrefSize(320, 320);
        for (Observable o : new Observable[] {image, grid, selection, colourMode, nll, counts, highlightCode, showLines,
                widthProperty(), heightProperty()}) {
            o.addListener(x -> draw());
        }
        canvas.setOnMousePressed(e -> cell(e, 0));
        canvas.setOnMouseDragged(e -> cell(e, 1));
        canvas.setOnMouseReleased(e -> cell(e, 2));
        canvas.setOnMouseMoved(e -> cell(e, 3));
        canvas.setOnMouseExited(e -> {
            if (handler != null) {
                handler.exited();
            }
        });
    }

    public void setCellHandler(CellHandler h) {
        handler = h;
    }

    public ObjectProperty<RgbImage> imageProperty() { return image; }

    public ObjectProperty<TokenGrid> gridProperty() { return grid; }

    public ObjectProperty<CellSelection> selectionProperty() { return selection; }

    public ObjectProperty<ColourMode> colourModeProperty() { return colourMode; }

    public ObjectProperty<double[]> nllProperty() { return nll; }

    public ObjectProperty<long[]> countsProperty() { return counts; }

    public IntegerProperty highlightCodeProperty() { return highlightCode; }

    public BooleanProperty showLinesProperty() { return showLines; }

    @Override
    protected void layoutChildren() {
        canvas.setWidth(getWidth());
        canvas.setHeight(getHeight());
        draw();
    }

    private double side() {
        return Math.max(1, Math.min(getWidth(), getHeight()));
    }

    private double x0() {
        return (getWidth() - side()) / 2;
    }

    private double y0() {
        return (getHeight() - side()) / 2;
    }

    private void cell(MouseEvent e, int kind) {
        TokenGrid g = grid.get();
        if (handler == null || g == null) {
            return;
        }
        double cs = side() / g.size();
        int col = (int) Math.floor((e.getX() - x0()) / cs), row = (int) Math.floor((e.getY() - y0()) / cs);
        boolean inside = row >= 0 && col >= 0 && row < g.size() && col < g.size();
        int r = Math.max(0, Math.min(g.size() - 1, row)), c = Math.max(0, Math.min(g.size() - 1, col));
        switch (kind) {
            case 0 -> { if (inside) handler.pressed(r, c, e); }
            case 1 -> handler.dragged(r, c, e);
            case 2 -> handler.released(r, c, e);
            default -> { if (inside) handler.hovered(r, c); else handler.exited(); }
        }
    }

    private void draw() {
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, canvas.getWidth(), canvas.getHeight());
        double s = side(), x0 = x0(), y0 = y0();
        gc.setImageSmoothing(false);
        if (image.get() != null) {
            gc.drawImage(Images.toFx(image.get()), x0, y0, s, s);
        }
        TokenGrid g = grid.get();
        if (g == null) {
            return;
        }
        int n = g.size();
        double cs = s / n;
        double[] likelihood = nll.get();
        double maxNll = 1e-9;
        if (likelihood != null) {
            for (double v : likelihood) {
                maxNll = Math.max(maxNll, v);
            }
        }
        long[] c = counts.get();
        double maxLog = 1e-9;
        if (c != null) {
            for (long v : c) {
                maxLog = Math.max(maxLog, Math.log1p(v));
            }
        }
        CellSelection sel = selection.get();
        for (int r = 0; r < n; r++) {
            for (int k = 0; k < n; k++) {
                int code = g.get(r, k);
                Color fill = switch (colourMode.get()) {
                    case CODE -> Images.codeColour(code, 0.5);
                    case USAGE -> c == null || code >= c.length ? null : Images.heat(Math.log1p(c[code]) / maxLog, 0.6);
                    case LIKELIHOOD -> likelihood == null || likelihood.length != n * n ? null
                            : Images.heat(likelihood[r * n + k] / maxNll, 0.6);
                    case NONE -> null;
                };
                if (fill != null) {
                    gc.setFill(fill);
                    gc.fillRect(x0 + k * cs, y0 + r * cs, cs, cs);
                }
                if (sel != null && sel.contains(r, k)) {
                    gc.setFill(Color.rgb(255, 255, 255, 0.35));
                    gc.fillRect(x0 + k * cs, y0 + r * cs, cs, cs);
                    gc.setStroke(Color.web("#2f7df6"));
                    gc.setLineWidth(2);
                    gc.strokeRect(x0 + k * cs + 1, y0 + r * cs + 1, cs - 2, cs - 2);
                }
                if (code == highlightCode.get()) {
                    gc.setStroke(Color.web("#ffd400"));
                    gc.setLineWidth(2.5);
                    gc.strokeRect(x0 + k * cs + 1.5, y0 + r * cs + 1.5, cs - 3, cs - 3);
                }
            }
        }
        if (showLines.get() && cs >= 4) {
            gc.setStroke(Color.rgb(255, 255, 255, 0.35));
            gc.setLineWidth(1);
            for (int i = 0; i <= n; i++) {
                gc.strokeLine(x0 + i * cs, y0, x0 + i * cs, y0 + s);
                gc.strokeLine(x0, y0 + i * cs, x0 + s, y0 + i * cs);
            }
        }
    }
}
