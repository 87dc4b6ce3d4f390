package io.vqstudio.app.view;

import io.vqstudio.app.service.PriorKinds;
import io.vqstudio.app.viewmodel.SamplingForm;
import io.vqstudio.bridge.core.PriorKind;
import javafx.beans.property.DoubleProperty;
import javafx.scene.Node;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.StringConverter;

/** The sampling settings as a form (prior, temperature, top-k, top-p, [guidance], N, seed, steps). */
final class SamplingFormView {

    private SamplingFormView() {}

    static GridPane build(SamplingForm form, boolean guidance) {
        GridPane g = new GridPane();
        g.getStyleClass().add("form");
        g.setHgap(8);
        g.setVgap(6);
        ChoiceBox<PriorKind> kind = new ChoiceBox<>();
        kind.getItems().setAll(PriorKind.values());
        kind.setConverter(new StringConverter<>() {
            @Override
            public String toString(PriorKind k) {
                return k == null ? "" : PriorKinds.label(k);
            }

            @Override
            public PriorKind fromString(String s) {
                return null;
            }
        });
        kind.valueProperty().bindBidirectional(form.kindProperty());
        int row = 0;
        g.addRow(row++, new Label("Prior"), kind);
        g.addRow(row++, new Label("Temperature"), slider(form.temperatureProperty(), 0.1, 2.0, "%.2f",
                "Softmax temperature: below 1 is more conservative"));
        Spinner<Integer> topK = new Spinner<>(0, 8192, form.topKProperty().get(), 10);
        topK.setEditable(true);
        topK.setTooltip(new Tooltip("Keep the k most likely codes (0 = all)"));
        topK.valueProperty().addListener((obs, o, v) -> form.topKProperty().set(v));
        g.addRow(row++, new Label("Top-k"), topK);
        g.addRow(row++, new Label("Top-p"), slider(form.topPProperty(), 0.05, 1.0, "%.2f",
                "Keep the smallest set of codes whose probability reaches p"));
        if (guidance) {
            HBox cfg = slider(form.guidanceProperty(), 1.0, 8.0, "%.1f", "Classifier-free guidance scale (1 = none)");
            cfg.setId("guidance");
            // A prior without a null class (or without classes) has no unconditional twin to guide against.
            cfg.disableProperty().bind(form.guidanceAllowedProperty().not());
            g.addRow(row++, new Label("Guidance"), cfg);
        }
        Spinner<Integer> n = new Spinner<>(1, 64, form.countProperty().get());
        n.setEditable(true);
        n.valueProperty().addListener((obs, o, v) -> form.countProperty().set(v));
        n.setTooltip(new Tooltip("How many candidates / samples to draw"));
        g.addRow(row++, new Label("N"), n);
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, (int) form.seedProperty().get());
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, o, v) -> form.seedProperty().set(v));
        seed.setTooltip(new Tooltip("Same seed, same samples"));
        g.addRow(row++, new Label("Seed"), seed);
        Spinner<Integer> steps = new Spinner<>(1, 64, form.stepsProperty().get());
        steps.valueProperty().addListener((obs, o, v) -> form.stepsProperty().set(v));
        steps.setTooltip(new Tooltip("MaskGIT's parallel decoding steps"));
        steps.disableProperty().bind(form.kindProperty().isNotEqualTo(PriorKind.MASKGIT));
        g.addRow(row, new Label("Steps"), steps);
        for (Node c : g.getChildren()) {
            if (GridPane.getColumnIndex(c) == 1) {
                GridPane.setHgrow(c, Priority.ALWAYS);
            }
        }
        return g;
    }

    private static HBox slider(DoubleProperty p, double min, double max, String fmt, String tip) {
        Slider s = new Slider(min, max, p.get());
        s.valueProperty().bindBidirectional(p);
        s.setTooltip(new Tooltip(tip));
        Label v = new Label();
        v.setMinWidth(36);
        v.textProperty().bind(p.asString(fmt));
        HBox.setHgrow(s, Priority.ALWAYS);
        return new HBox(6, s, v);
    }
}
